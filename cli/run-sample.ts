import { join } from 'node:path';
import { generateSampleTrust } from '../sample/generate-trust.ts';
import { writeSampleTrust } from '../sample/write-sample.ts';
import type { Settings } from '../shared/config/settings.ts';
import { formatTextSummary } from './format-text-summary.ts';
import { runReport } from './run-report.ts';

const FIGURES = ['total', 'local', 'localUnknown', 'sme', 'smeUnknown', 'vcse'] as const;

/**
 * Writes the synthetic sample trust to `dir`, reports on it into `dir/out`, and checks
 * the report's figures against the generator's own ground truth.
 */
export async function runSample(dir: string, settings: Settings): Promise<number> {
  const trust = await generateSampleTrust();
  await writeSampleTrust(dir, trust);
  process.stdout.write(
    `Sample trust written to ${dir}: ${trust.ledgerFiles.length} monthly extracts and suppliers.csv\n` +
      `(the same as: socval report --ledger ${join(dir, 'extracts')} --suppliers ${join(dir, 'suppliers.csv')} --out ${join(dir, 'out')})\n\n`,
  );
  const run = await runReport(
    { ledger: [join(dir, 'extracts')], suppliers: join(dir, 'suppliers.csv'), out: join(dir, 'out') },
    { ...settings, trustName: settings.trustName ?? 'Kent Valley NHS Foundation Trust (sample)' },
  );
  process.stdout.write(`${formatTextSummary(run.report, run.written)}\n\n`);

  const mismatches: string[] = [];
  for (const want of trust.expected.financialYears) {
    const got = run.summary.financialYears.find((year) => year.fy === want.fy);
    for (const figure of FIGURES) {
      if (got?.[figure] !== want[figure])
        mismatches.push(`${want.fy} ${figure}: report ${got?.[figure]}, generator ${want[figure]}`);
    }
  }
  if (mismatches.length > 0) {
    process.stderr.write(
      `The report disagrees with the sample generator's own figures:\n  ${mismatches.join('\n  ')}\n`,
    );
    return 1;
  }
  process.stdout.write(
    "Checked: every figure matches the sample generator's own ground truth to the penny.\n",
  );
  return run.report.files.some((a) => a.file.status === 'rejected') ? 1 : 0;
}
