import * as z from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { type Settings, SettingsSchema } from '../shared/config/settings.ts';

/** SES v1's limit for a raw message (v2 allows 40 MB): the conservative default. */
export const DEFAULT_MAX_EMAIL_BYTES = 10 * 1024 * 1024;

const address = z
  .string()
  .trim()
  .regex(
    /^[^@\s,]+@[^@\s,]+$|^[^<>,]*<[^@\s,<>]+@[^@\s,<>]+>$/,
    'write an email address like reports@trust.nhs.uk',
  );

const addressList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(z.array(address).min(1, 'give at least one address, several separated by commas'));

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** The handlers' environment: set by the CDK stack, or by `startLocalAws().env` locally. */
const EnvironmentSchema = z.object({
  LANDING_BUCKET: z.string().trim().min(3, 'name the landing bucket'),
  ARCHIVE_BUCKET: z.string().trim().min(3, 'name the archive bucket'),
  SENDER: address,
  BOARD_RECIPIENTS: addressList,
  FINANCE_ADDRESS: addressList,
  TRUST_NAME: z.string().trim().min(1, 'name the trust, as the board email and workbook title show it'),
  SES_CONFIGURATION_SET: z.string().trim().min(1).optional(),
  MAX_EMAIL_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(40 * 1024 * 1024)
    .default(DEFAULT_MAX_EMAIL_BYTES),
  S3_FORCE_PATH_STYLE: flag,
  CODE_VERSION: z.string().trim().min(1).optional(),
  SME_DEFINITION: z.string().optional(),
  EUR_TO_GBP: z.string().optional(),
  FIRST_FINANCIAL_YEAR: z.string().optional(),
  MAX_BAD_SHARE: z.string().optional(),
  DATE_ORDER: z.string().optional(),
  BRAND_COLOUR: z.string().optional(),
  CHART_COLOURS: z.string().optional(),
  COOPERATIVES_ARE_VCSE: z.string().optional(),
});

/** Report settings → the environment variable that sets each. */
const SETTING_VARIABLES: Record<string, string> = {
  trustName: 'TRUST_NAME',
  smeDefinition: 'SME_DEFINITION',
  eurToGbp: 'EUR_TO_GBP',
  firstFinancialYear: 'FIRST_FINANCIAL_YEAR',
  maxBadShare: 'MAX_BAD_SHARE',
  dateOrder: 'DATE_ORDER',
  brandColour: 'BRAND_COLOUR',
  chartColours: 'CHART_COLOURS',
  cooperativesAreVcse: 'COOPERATIVES_ARE_VCSE',
};

export interface FunctionConfig {
  landingBucket: string;
  archiveBucket: string;
  sender: string;
  boardRecipients: string[];
  financeAddresses: string[];
  trustName: string;
  sesConfigurationSet?: string;
  maxEmailBytes: number;
  s3ForcePathStyle: boolean;
  /** `package.json` version, `+CODE_VERSION` (e.g. the commit) when set: named in every report manifest. */
  codeVersion: string;
  settings: Settings;
}

/** The environment does not configure the functions: names each variable and what to set it to. */
export class FunctionConfigError extends Error {
  override name = 'FunctionConfigError';
}

const blankToUndefined = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value;

/** `true`/`1` and `false`/`0` (any case) as booleans; blank as not set; anything else as itself, for the schema to reject. */
function parseFlag(value: string | undefined): boolean | string | undefined {
  const text = blankToUndefined(value)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
}

/**
 * Parses the handlers' environment once, at module scope. Throws `FunctionConfigError` naming every
 * variable that is missing or invalid.
 *
 * @example const config = parseFunctionConfig(process.env);
 */
export function parseFunctionConfig(env: Readonly<Record<string, string | undefined>>): FunctionConfig {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error, env, (path) => path);
  const e = parsed.data;
  const settings = SettingsSchema.safeParse({
    trustName: e.TRUST_NAME,
    smeDefinition: blankToUndefined(e.SME_DEFINITION),
    eurToGbp: blankToUndefined(e.EUR_TO_GBP),
    firstFinancialYear: blankToUndefined(e.FIRST_FINANCIAL_YEAR),
    maxBadShare: blankToUndefined(e.MAX_BAD_SHARE),
    dateOrder: blankToUndefined(e.DATE_ORDER),
    brandColour: blankToUndefined(e.BRAND_COLOUR),
    chartColours: blankToUndefined(e.CHART_COLOURS),
    cooperativesAreVcse: parseFlag(e.COOPERATIVES_ARE_VCSE),
  });
  if (!settings.success) {
    throw configError(settings.error, env, (path) => SETTING_VARIABLES[path] ?? path);
  }
  return {
    landingBucket: e.LANDING_BUCKET,
    archiveBucket: e.ARCHIVE_BUCKET,
    sender: e.SENDER,
    boardRecipients: e.BOARD_RECIPIENTS,
    financeAddresses: e.FINANCE_ADDRESS,
    trustName: e.TRUST_NAME,
    ...(e.SES_CONFIGURATION_SET ? { sesConfigurationSet: e.SES_CONFIGURATION_SET } : {}),
    maxEmailBytes: e.MAX_EMAIL_BYTES,
    s3ForcePathStyle: e.S3_FORCE_PATH_STYLE,
    codeVersion: e.CODE_VERSION ? `${packageJson.version}+${e.CODE_VERSION}` : packageJson.version,
    settings: settings.data,
  };
}

function configError(
  error: z.ZodError,
  env: Readonly<Record<string, string | undefined>>,
  nameOf: (path: string) => string,
): FunctionConfigError {
  const lines = error.issues.map((issue) => {
    const variable = nameOf(String(issue.path[0] ?? ''));
    const value = env[variable];
    const message = value === undefined ? 'is not set' : `"${value}": ${issue.message}`;
    return `  ${variable}: ${message}`;
  });
  return new FunctionConfigError(`the function's environment is not valid:\n${lines.join('\n')}`);
}
