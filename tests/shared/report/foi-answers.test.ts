import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import { buildReport } from '../../../shared/report/index.ts';
import { describeFoiAnswers } from '../../../shared/report/workbook/foi-answers.ts';
import { ledgerFile, line } from './helpers.ts';

const config = {
  firstYear: parseFinancialYear('2024/25'),
  classification: { locality: kentAndMedway, smeDefinition: 'procurement-act-2023', eurToGbp: 0.85 },
} as const;

function answersFor(lines: Parameters<typeof ledgerFile>[1], reportMonth: string) {
  const report = buildReport([ledgerFile('ledger.csv', lines)], undefined, { ...config, reportMonth });
  return describeFoiAnswers(report)
    .filter((answer) => answer.year === '2025/26')
    .map((answer) => answer.answer);
}

describe('the FOI answers', () => {
  it('name a one-month year to date by its month, not "April to April"', () => {
    const answers = answersFor([line('2024-06-01', 100_00), line('2025-04-10', 1_000_00)], '2025-04');

    expect(answers[0]).toBe(
      "In 2025/26 to date (April 2025) the trust's total spend with suppliers was £1,000.00.",
    );
  });

  it('give the total and why, never a share, for a year whose credits exceed its payments', () => {
    const answers = answersFor(
      [line('2024-06-01', 100_00), line('2025-04-10', -9_000_00), line('2025-05-10', 1_000_00)],
      '2025-05',
    );

    expect(answers).toContain(
      'In 2025/26 to date (April to May 2025) the trust spent £0.00 with SMEs, of its total spend of -£8,000.00 ' +
        '(credits exceed payments, so no share is shown).',
    );
    expect(answers).toContain(
      'In 2025/26 to date (April to May 2025), -£8,000.00 of its total spend of -£8,000.00 ' +
        '(credits exceed payments, so no share is shown) was with suppliers whose size we could not determine.',
    );
    expect(answers.join(' ')).not.toMatch(/\d%|n\/a/);
  });
});
