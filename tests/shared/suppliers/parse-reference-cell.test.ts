import { describe, expect, it } from 'vitest';
import { parseCountCell, parseMoneyCell, parseYesNoCell } from '../../../shared/suppliers/index.ts';

describe('money cells in the supplier reference', () => {
  it.each([
    [44_000_000, 4_400_000_000],
    ['44000000', 4_400_000_000],
    ['£44,000,000', 4_400_000_000],
    [' £44,000,000.50 ', 4_400_000_050],
    ['44m', 4_400_000_000],
    ['£44M', 4_400_000_000],
    ['£1.5bn', 150_000_000_000],
    ['250k', 25_000_000],
    ['GBP 38 million', 3_800_000_000],
    ['0', 0],
  ])('reads %j as %i pence', (cell, pence) => {
    expect(parseMoneyCell(cell)).toEqual({ ok: true, value: pence });
  });

  it('treats a blank cell as not stated', () => {
    expect(parseMoneyCell(null)).toEqual({ ok: true, value: undefined });
    expect(parseMoneyCell('  ')).toEqual({ ok: true, value: undefined });
  });

  it.each(['-5', '(1,200)', '€50m', '$10', 'about 5m', '44,00,000', 'n/a', true, -1])(
    'refuses %j',
    (cell) => {
      const reading = parseMoneyCell(cell);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.reason).toMatch(/write it like/);
    },
  );
});

describe('staff counts', () => {
  it.each([
    [45, 45],
    ['45', 45],
    ['1,200', 1200],
    ['12.5', 12.5],
  ])('reads %j as %d', (cell, count) => {
    expect(parseCountCell(cell)).toEqual({ ok: true, value: count });
  });

  it.each(['10-49', '<250', 'many', -3])('refuses %j', (cell) => {
    expect(parseCountCell(cell).ok).toBe(false);
  });
});

describe('Y/N cells', () => {
  it.each([
    ['Y', true],
    ['yes', true],
    ['TRUE', true],
    ['1', true],
    [true, true],
    ['N', false],
    ['No', false],
    ['false', false],
    ['0', false],
    [false, false],
  ])('reads %j as %s', (cell, value) => {
    expect(parseYesNoCell(cell)).toEqual({ ok: true, value });
  });

  it('treats blank as not stated and refuses anything else', () => {
    expect(parseYesNoCell('')).toEqual({ ok: true, value: undefined });
    expect(parseYesNoCell('maybe').ok).toBe(false);
  });
});
