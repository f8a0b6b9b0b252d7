import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, renderErrorReportCsv } from '../../../shared/email/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import type { LineIssue } from '../../../shared/types.ts';
import { csvFile } from '../ledger/build-files.ts';

function problem(extra: Partial<LineIssue> = {}): LineIssue {
  return { file: 'may.csv', line: 14, column: 'Amount', value: '12,34.5', reason: 'not money', ...extra };
}

/** What a spreadsheet would run as a formula (OWASP): the test's own list, not the code's. */
const FORMULA_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

function readBack(csv: string): string[][] {
  const bytes = new TextEncoder().encode(csv);
  return parse(Buffer.from(bytes), { bom: true, relax_column_count: false });
}

describe('neutraliseFormula', () => {
  it.each([
    ['-85.00', "'-85.00"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ['+44 1622 000000', "'+44 1622 000000"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j with an apostrophe so it stays text', (text, safe) => {
    expect(neutraliseFormula(text)).toBe(safe);
  });

  it.each(['85.00', '£38,148.43', '(1,200.00)', 'Acme Ltd', '', ' =1', "'quoted", 'a=b'])(
    'leaves %j as it is',
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );
});

describe('the error report CSV', () => {
  it('starts with a byte-order mark and the header, and ends every row with CRLF', () => {
    const csv = renderErrorReportCsv([problem()]);

    expect(csv).toBe('\uFEFFFile,Line,Column,Value,Reason\r\nmay.csv,14,Amount,"12,34.5",not money\r\n');
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes cells with commas, quotes or line breaks the RFC 4180 way', () => {
    const csv = renderErrorReportCsv([problem({ value: 'say "hi"', reason: 'two\r\nlines, and a comma' })]);

    expect(csv.split('\r\n')[1]).toBe('may.csv,14,Amount,"say ""hi""","two');
    expect(readBack(csv)[1]).toEqual(['may.csv', '14', 'Amount', 'say "hi"', 'two\r\nlines, and a comma']);
  });

  it('quotes a cell holding a bare CR or LF, which Excel would otherwise take for a new row', () => {
    const csv = renderErrorReportCsv([problem({ value: 'a\rb', reason: 'c\nd' })]);

    expect(csv).toContain(',Amount,"a\rb","c\nd"\r\n');
  });

  it('keeps a negative amount or a formula from a bad line as text, and £ intact', () => {
    const csv = renderErrorReportCsv([
      problem({ value: '-85.00', reason: '"-85.00" is a credit with no original' }),
      problem({ line: 15, value: '=HYPERLINK("http://evil.example","£5")', reason: 'not money' }),
      problem({ line: 0, column: '', value: '', reason: '-no header row' }),
    ]);

    expect(readBack(csv).slice(1)).toEqual([
      ['may.csv', '14', 'Amount', "'-85.00", '"-85.00" is a credit with no original'],
      ['may.csv', '15', 'Amount', '\'=HYPERLINK("http://evil.example","£5")', 'not money'],
      ['may.csv', '', '', '', "'-no header row"],
    ]);
  });

  it('reads back as the original text for every cell, with an apostrophe before formula-looking ones', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', '£', '€', 'é');
    const text = fc.string({
      unit: fc.oneof(risky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
    });
    const issue = fc.record({
      file: text,
      line: fc.nat({ max: 1_000_000 }),
      column: text,
      value: text,
      reason: text,
    });

    fc.assert(
      fc.property(fc.array(issue, { maxLength: 8 }), (problems) => {
        const rows = readBack(renderErrorReportCsv(problems));

        expect(rows[0]).toEqual(['File', 'Line', 'Column', 'Value', 'Reason']);
        expect(rows).toHaveLength(problems.length + 1);
        problems.forEach((p, i) => {
          const expected = [p.file, p.line > 0 ? String(p.line) : '', p.column, p.value, p.reason].map(
            (cell) => (FORMULA_FIRST.has(cell.charAt(0)) ? `'${cell}` : cell),
          );
          expect(rows[i + 1]).toEqual(expected);
          for (const cell of rows[i + 1] ?? []) expect(FORMULA_FIRST.has(cell.charAt(0))).toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('names no withheld payee of a rejected file, yet says where each of its problems is', async () => {
    // prepare: every line bad, so the file is rejected; two of them a withheld payee's
    const ledger = await readLedger(
      csvFile([
        'Date,Supplier,Amount',
        '13/04/2020,REDACTED - Jonathan Q Private,twelve',
        '13/04/2020,Smith, Jonathan Q (REDACTED),2.00',
        '13/04/2020,Acme Ltd,five',
      ]),
    );
    if (ledger.rejection === undefined) throw new Error('the file should be rejected');
    // act
    const rows = readBack(renderErrorReportCsv([ledger.rejection, ...ledger.issues]));
    // assert
    expect(rows.flat().join('\n')).not.toContain('Jonathan');
    expect(rows.slice(2).map(([, line, column, value]) => [line, column, value])).toEqual([
      ['2', 'Amount', '(withheld)'],
      ['3', 'Amount', '(withheld)'],
      ['4', 'Amount', 'five'],
    ]);
  });
});
