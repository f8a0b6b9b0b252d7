import * as z from 'zod';
import { parseFinancialYear, parseYearMonth } from '../periods/financial-year.ts';
import { type ChartColours, DEFAULT_CHART_COLOURS } from '../report/chart/chart-colours.ts';
import { HEX_COLOUR } from '../report/chart/raster.ts';

const HexColour = z
  .string()
  .trim()
  .regex(HEX_COLOUR, 'write a colour as # and six hex digits, like #005EB8')
  .transform((colour) => colour.toUpperCase());

/** NHS Blue: the default for headings in the email and workbook. */
export const DEFAULT_BRAND_COLOUR = '#005EB8';

/**
 * Everything a trust can configure about a report, parsed once at the edge (CLI
 * flags, Lambda environment) and passed in. Each setting is printed in the report.
 */
export const SettingsSchema = z.object({
  trustName: z.string().trim().min(1).optional(),
  locality: z.literal('kent-and-medway').default('kent-and-medway'),
  smeDefinition: z.enum(['procurement-act-2023', 'eu-2003-361']).default('procurement-act-2023'),
  /** GBP per EUR for the EU SME thresholds only. */
  eurToGbp: z.coerce.number().positive().max(10).default(0.85),
  firstFinancialYear: z
    .string()
    .default('2022/23')
    .refine((v) => tryParse(() => parseFinancialYear(v)), 'write the first financial year like 2022/23'),
  reportMonth: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || tryParse(() => parseYearMonth(v)),
      'write the report month like 2024-10',
    ),
  /** A file is rejected when more than this share of its lines cannot be read. */
  maxBadShare: z.coerce.number().min(0).max(1).default(0.05),
  dateOrder: z.enum(['DMY', 'MDY']).optional(),
  /** Count co-operative societies on the FCA mutuals register as VCSE (community benefit societies always count). */
  cooperativesAreVcse: z.boolean().default(false),
  /** The trust's colour for headings in the email and the workbook. */
  brandColour: HexColour.default(DEFAULT_BRAND_COLOUR),
  /**
   * The chart's local, SME and VCSE colours, in that order, separated by commas; kept as text (upper
   * case, no spaces) so that settings read back from a run manifest parse to themselves.
   */
  chartColours: z
    .string()
    .transform((list) => list.split(','))
    .pipe(
      z.tuple([HexColour, HexColour, HexColour], {
        error: 'give three colours — local, SME, VCSE — separated by commas, like #005EB8,#FFB81C,#330072',
      }),
    )
    .transform((colours) => colours.join(','))
    .default(Object.values(DEFAULT_CHART_COLOURS).join(',')),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The chart colours setting (already validated) as the chart takes them. */
export function chartColoursOf(settings: Pick<Settings, 'chartColours'>): ChartColours {
  const [local = '', sme = '', vcse = ''] = settings.chartColours.split(',');
  return { local, sme, vcse };
}

function tryParse(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

/** Zod issues as one line each: `--sme: expected one of …`. */
export function describeSettingsError(
  error: z.ZodError,
  nameOf: (path: string) => string = (p) => p,
): string {
  return error.issues.map((issue) => `${nameOf(issue.path.join('.'))}: ${issue.message}`).join('\n');
}
