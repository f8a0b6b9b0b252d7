import { z } from 'zod';
import { parseFinancialYear, parseYearMonth } from '../periods/financial-year.ts';

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
});
export type Settings = z.infer<typeof SettingsSchema>;

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
