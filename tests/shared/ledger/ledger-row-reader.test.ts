import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSummaryLabel, SUMMARY_LABEL } from '../../../shared/ledger/ledger-row-reader.ts';

describe('telling a "Total" row by its label', () => {
  it('decides by the first letter only what the full pattern decides', () => {
    const piece = fc.constantFrom(
      ...['Total', 'TOTALS', 'total', 'Grand', 'grand ', 'sub-', 'Sub ', 'sum', 'SUM', 'Sum total', 'spend'],
      ...['payments', 'for', '£', ':', ' ', '\t', '-', 'Gas', 'Acme', '1', 'ſ', 'Ｔ', '\u212a', 'İ'],
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join('')),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (label) => {
        expect(isSummaryLabel(label)).toBe(SUMMARY_LABEL.test(label));
      }),
      { numRuns: 5000 },
    );
  });
});
