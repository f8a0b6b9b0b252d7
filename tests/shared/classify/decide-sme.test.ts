import { describe, expect, it } from 'vitest';
import { decideSme, describeSmeLimits } from '../../../shared/classify/index.ts';
import type { SupplierRecord } from '../../../shared/types.ts';
import { record } from './helpers.ts';

const M = 1_000_000_00; // £1m in pence
const pa = (facts: Partial<SupplierRecord>) =>
  decideSme(record(7, 'Acme Ltd', facts), 'procurement-act-2023', 0.86);
const eu = (facts: Partial<SupplierRecord>, rate = 0.86) =>
  decideSme(record(7, 'Acme Ltd', facts), 'eu-2003-361', rate);

describe('SME under the Procurement Act 2023 (default)', () => {
  it('needs fewer than 250 staff: 249 is an SME, exactly 250 is not', () => {
    expect(pa({ employees: 249, turnover: 1 * M }).decision).toBe('yes');
    expect(pa({ employees: 250, turnover: 1 * M }).decision).toBe('no');
  });

  it('meets the turnover limit at exactly £44m and fails it a penny above', () => {
    expect(pa({ employees: 10, turnover: 44 * M }).decision).toBe('yes');
    expect(pa({ employees: 10, turnover: 44 * M + 1, balanceSheet: 38 * M + 1 }).decision).toBe('no');
  });

  it('meets the balance sheet limit at exactly £38m', () => {
    expect(pa({ employees: 10, turnover: 50 * M, balanceSheet: 38 * M }).decision).toBe('yes');
    expect(pa({ employees: 10, turnover: 50 * M, balanceSheet: 38 * M + 1 }).decision).toBe('no');
  });

  it('is OR, not AND: turnover over £44m with a small balance sheet is still an SME', () => {
    const decision = pa({ employees: 100, turnover: 60 * M, balanceSheet: 5 * M });
    expect(decision.decision).toBe('yes');
    expect(decision.evidence.map((e) => e.detail)).toContain('turnover £60,000,000.00 is above £44m');
  });

  it('is no when both money figures are over, whatever the staff count', () => {
    expect(pa({ employees: 10, turnover: 45 * M, balanceSheet: 39 * M }).decision).toBe('no');
    expect(pa({ turnover: 45 * M, balanceSheet: 39 * M }).decision).toBe('no');
  });

  it('decides from partial facts with three-valued logic', () => {
    expect(pa({ employees: 300 }).decision).toBe('no');
    expect(pa({ employees: 10, balanceSheet: 1 * M }).decision).toBe('yes');
    expect(pa({ employees: 10 }).decision).toBe('unknown');
    expect(pa({ turnover: 50 * M }).decision).toBe('unknown');
    expect(pa({ employees: 10, turnover: 50 * M }).decision).toBe('unknown');
    expect(pa({ turnover: 1 * M }).decision).toBe('unknown');
    expect(pa({}).decision).toBe('unknown');
  });

  it('says which figures would decide an unknown', () => {
    expect(pa({ employees: 10 }).evidence.at(-1)?.detail).toMatch(/add Turnover GBP or Balance Sheet GBP/);
    expect(pa({ employees: 10, turnover: 50 * M }).evidence.at(-1)?.detail).toMatch(/add Balance Sheet GBP/);
    expect(pa({ turnover: 1 * M }).evidence.at(-1)?.detail).toMatch(/add Employees/);
  });

  it('explains a decision fact by fact for an auditor', () => {
    expect(pa({ employees: 10, balanceSheet: 1 * M })).toEqual({
      decision: 'yes',
      basis: 'figures',
      proxy: false,
      evidence: [
        { rule: 'procurement-act-2023', detail: '10 staff is fewer than 250' },
        { rule: 'procurement-act-2023', detail: 'balance sheet total £1,000,000.00 is at most £38m' },
        {
          rule: 'procurement-act-2023',
          detail:
            'an SME under Procurement Act 2023 s.123: fewer than 250 staff and balance sheet total within the limit',
        },
      ],
    });
    expect(pa({ employees: 300 }).evidence.at(-1)?.detail).toBe(
      'not an SME under Procurement Act 2023 s.123: 250 or more staff',
    );
  });

  it("lets the trust's own Y win over figures that say no", () => {
    const decision = pa({ sme: true, employees: 900, turnover: 900 * M, balanceSheet: 900 * M });
    expect(decision.decision).toBe('yes');
    expect(decision.evidence[0]).toEqual({
      rule: 'self-declared',
      detail: "the trust's supplier reference (line 7) says SME: Y",
    });
    expect(decision.evidence[1]?.detail).toMatch(/figures given would make it not an SME/);
  });

  it("lets the trust's own N win over figures that say yes", () => {
    const decision = pa({ sme: false, employees: 5, turnover: 1 * M });
    expect(decision.decision).toBe('no');
    expect(decision.evidence[0]?.detail).toBe("the trust's supplier reference (line 7) says SME: N");
  });

  it('is unknown with a clear next step when no reference record matches', () => {
    const decision = decideSme(undefined, 'procurement-act-2023', 0.86);
    expect(decision.decision).toBe('unknown');
    expect(decision.evidence[0]?.rule).toBe('no-reference');
  });
});

describe('SME under EU Recommendation 2003/361', () => {
  it('converts €50m turnover and €43m balance sheet at the configured rate', () => {
    const limits = describeSmeLimits('eu-2003-361', 0.86);
    expect(limits.turnoverAtMost).toBe(43 * M);
    expect(limits.balanceSheetAtMost).toBe(3_698_000_000);
  });

  it('meets the limits exactly at the converted amounts and fails a penny above', () => {
    expect(eu({ employees: 10, turnover: 43 * M }).decision).toBe('yes');
    expect(eu({ employees: 10, turnover: 43 * M + 1, balanceSheet: 3_698_000_000 }).decision).toBe('yes');
    expect(eu({ employees: 10, turnover: 43 * M + 1, balanceSheet: 3_698_000_000 + 1 }).decision).toBe('no');
  });

  it('differs from the Procurement Act where the euro limits are lower', () => {
    const facts = { employees: 10, turnover: 44 * M, balanceSheet: 38 * M };
    expect(pa(facts).decision).toBe('yes');
    expect(eu(facts).decision).toBe('no');
  });

  it('still needs fewer than 250 staff', () => {
    expect(eu({ employees: 250, turnover: 1 * M }).decision).toBe('no');
  });

  it('names the euro limit and the rate in its evidence', () => {
    expect(eu({ employees: 10, turnover: 1 * M }).evidence[1]?.detail).toBe(
      'turnover £1,000,000.00 is at most €50m (£43,000,000.00 at £0.86 per euro)',
    );
  });
});
