import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  CuratedRowsError,
  collectCuratedTable,
  createLineStrings,
  formatCuratedHeader,
  formatCuratedRow,
  parseCuratedRow,
  parseCuratedRows,
} from '../../../shared/curated/index.ts';
import { formatPence } from '../../../shared/money/format-pence.ts';
import { splitLines } from '../../../shared/table/index.ts';
import type { LedgerLine } from '../../../shared/types.ts';
import { chunksOf, curatedFile } from './helpers.ts';

/** Text that stresses the format: its own delimiters and escapes, line breaks, and any Unicode code point. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', ',', '\n', '\r', '\r\n', ' ', '\\n', '""', '£'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const isoDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const ledgerLine: fc.Arbitrary<LedgerLine> = fc.record(
  {
    file: awkwardText,
    line: fc.integer({ min: 1, max: 10_000_000 }),
    date: isoDate,
    supplier: awkwardText,
    supplierId: awkwardText,
    companyNumber: awkwardText,
    postcode: awkwardText,
    amount: fc.oneof(
      fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
    ),
    transaction: awkwardText,
    expenseType: awkwardText,
    expenseArea: awkwardText,
    description: awkwardText,
    redacted: fc.boolean(),
  },
  { requiredKeys: ['file', 'line', 'date', 'supplier', 'amount', 'redacted'] },
);

async function* linesOf(text: string): AsyncGenerator<string> {
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  yield* parts;
}

/**
 * The format's fields read character by character, as the reader first did: the reference for what
 * the faster reader must return or report, for any text.
 */
function splitFieldsByCharacter(text: string, lineNumber: number): (string | undefined)[] {
  const fields: (string | undefined)[] = [];
  let i = 0;
  const fail = (what: string) =>
    new CuratedRowsError(`curated line ${lineNumber}, character ${i + 1}: ${what}`);
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const char = text[i];
        if (char === undefined) throw fail('a quoted field is not closed');
        if (char === '"') break;
        if (char === '\\') {
          const next = text[i + 1];
          if (next === 'n') value += '\n';
          else if (next === 'r') value += '\r';
          else if (next === '\\' || next === '"') value += next;
          else throw fail(`"\\${next ?? ''}" is not an escape this format writes`);
          i += 2;
          continue;
        }
        value += char;
        i += 1;
      }
      i += 1;
      fields.push(value);
    } else {
      const end = text.indexOf(',', i);
      const raw = end < 0 ? text.slice(i) : text.slice(i, end);
      if (raw.includes('"')) throw fail('a quote inside an unquoted field');
      fields.push(raw === '' ? undefined : raw);
      i = end < 0 ? text.length : end;
    }
    if (i >= text.length) return fields;
    if (text[i] !== ',') throw fail('expected a comma after a quoted field');
    i += 1;
    if (i === text.length) {
      fields.push(undefined);
      return fields;
    }
  }
}

/**
 * The writer as it first was, one array joined and every field run through `replace`: the reference for
 * what the faster writer must write, byte for byte, or refuse.
 */
function formatCuratedRowByArray(line: LedgerLine): string {
  const quote = (text: string) =>
    `"${text.replace(/[\\"\n\r]/g, (char) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\${char}`))}"`;
  const optional = (text: string | undefined) => (text === undefined ? '' : quote(text));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(line.date))
    throw new CuratedRowsError(`line ${line.line}: "${line.date}" is not YYYY-MM-DD`);
  if (!Number.isSafeInteger(line.line))
    throw new CuratedRowsError(`line number ${line.line} is not an integer`);
  return [
    quote(line.file),
    String(line.line),
    line.date,
    quote(line.supplier),
    optional(line.supplierId),
    optional(line.companyNumber),
    optional(line.postcode),
    String(line.amount),
    formatPence(line.amount),
    optional(line.transaction),
    optional(line.expenseType),
    optional(line.expenseArea),
    optional(line.description),
    line.redacted ? 'true' : 'false',
  ].join(',');
}

/** What a writer does with one line: the text it writes, or the class and message of what it throws. */
function outcomeOf(format: (line: LedgerLine) => string, line: LedgerLine): string | [string, string] {
  try {
    return format(line);
  } catch (error) {
    return [(error as Error).constructor.name, (error as Error).message];
  }
}

/**
 * Lines as an upload gives them — runs of one file and one date — and lines the writer must refuse: a
 * date that is not YYYY-MM-DD (empty too), a line number or an amount that is not a safe integer.
 */
const writtenLines: fc.Arbitrary<LedgerLine[]> = fc.array(
  fc
    .tuple(
      ledgerLine,
      fc.option(fc.constantFrom('', 'a.csv', '2024-05 "AP", May.csv', 'x\\y\n.csv'), { nil: undefined }),
      fc.option(fc.constantFrom('2024-05-01', '2024-05-02', '', '2024-5-1', '2024-05-01\n'), {
        nil: undefined,
      }),
      fc.option(fc.constantFrom(0, -0, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1), { nil: undefined }),
      fc.option(fc.constantFrom(0, -0, 2.5, Number.NaN, -Infinity, 2 ** 53), { nil: undefined }),
      fc.integer({ min: -99, max: 99 }),
    )
    .map(([line, file, date, lineNo, amount, small]) => ({
      ...line,
      ...(file === undefined ? {} : { file }),
      ...(date === undefined ? {} : { date }),
      ...(lineNo === undefined ? {} : { line: lineNo }),
      amount: amount ?? (line.amount % 7 === 0 ? small : line.amount),
    })),
  { maxLength: 30 },
);

const OPTIONAL_COLUMNS = [
  [4, 'supplierId'],
  [5, 'companyNumber'],
  [6, 'postcode'],
  [9, 'transaction'],
  [10, 'expenseType'],
  [11, 'expenseArea'],
  [12, 'description'],
] as const;

describe('curated rows', () => {
  it('round-trips every field of any ledger line, absent and empty optional fields kept apart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerLine, { maxLength: 20 }), async (lines) => {
        const text = curatedFile(lines);
        expect(parseCuratedRows(text)).toEqual(lines);
        const bytes = new TextEncoder().encode(text);
        expect([...(await collectCuratedTable(linesOf(new TextDecoder().decode(bytes))))]).toEqual(lines);
      }),
      { numRuns: 300 },
    );
  });

  it('writes every line as the array-joining writer did, byte for byte, and refuses what it refused', () => {
    fc.assert(
      fc.property(writtenLines, (lines) => {
        for (const line of lines) {
          expect(outcomeOf(formatCuratedRow, line)).toStrictEqual(outcomeOf(formatCuratedRowByArray, line));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses an empty date when it is the first line a fresh process writes', async () => {
    vi.resetModules();
    const fresh = await import('../../../shared/curated/curated-rows.ts');
    const line: LedgerLine = { file: '', line: 2, date: '', supplier: 'A', amount: 1, redacted: false };
    expect(() => fresh.formatCuratedRow(line)).toThrow(fresh.CuratedRowsError);
    expect(() => fresh.formatCuratedRow({ ...line, date: '2024-05-01' })).not.toThrow();
  });

  it('writes one physical line per ledger line, whatever line breaks the text holds', () => {
    fc.assert(
      fc.property(ledgerLine, (line) => {
        expect(formatCuratedRow(line)).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('writes amounts as exact pence and as GBP for Athena, and an absent field as nothing', () => {
    const row = formatCuratedRow({
      file: '2024-05 "AP", May.csv',
      line: 7,
      date: '2024-05-03',
      supplier: 'Kent Care CIC',
      amount: -120050,
      description: 'line one\nline two \\ end',
      redacted: false,
    });
    expect(row).toBe(
      '"2024-05 \\"AP\\", May.csv",7,2024-05-03,"Kent Care CIC",,,,-120050,-1200.50,,,,"line one\\nline two \\\\ end",false',
    );
    expect(formatCuratedHeader()).toBe(
      'file,line,date,supplier,supplier_id,company_number,postcode,amount_pence,amount_gbp,transaction,expense_type,expense_area,description,redacted',
    );
  });

  it('reads any text in a supplier cell as the character-by-character reader did, or fails as it did', async () => {
    const garbage = fc.string({
      unit: fc.constantFrom('"', '\\', ',', 'n', 'r', 'x', ' ', '£'),
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(garbage, garbage, fc.boolean(), async (supplier, description, inTable) => {
        const text = `"a.csv",2,2024-05-01,${supplier},,,,100,1.00,"T1",,,${description},false`;
        let expected: LedgerLine | string;
        try {
          const fields = splitFieldsByCharacter(text, 7);
          if (fields.length !== 14)
            expected = `curated line 7 has ${fields.length} fields; the format has 14`;
          else if (fields[3] === undefined) expected = 'curated line 7, column supplier: "" is not valid';
          else {
            expected = {
              file: 'a.csv',
              line: 2,
              date: '2024-05-01',
              supplier: fields[3],
              amount: 100,
              redacted: false,
            };
            for (const [column, key] of OPTIONAL_COLUMNS) {
              const value = fields[column];
              if (value !== undefined) expected[key] = value;
            }
          }
        } catch (error) {
          expected = (error as Error).message;
        }
        let actual: LedgerLine | string;
        try {
          // As line 7 of a file, after the header and five empty lines, when read into a table.
          actual = inTable
            ? ([
                ...(await collectCuratedTable(linesOf(`${formatCuratedHeader()}\n\n\n\n\n\n${text}\n`))),
              ][0] as LedgerLine)
            : parseCuratedRow(text, 7);
        } catch (error) {
          expect(error).toBeInstanceOf(CuratedRowsError);
          actual = (error as Error).message;
        }
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the same lines whether the uploads of a report share their strings or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(ledgerLine, { maxLength: 8 }), { maxLength: 4 }), async (files) => {
        const strings = createLineStrings();
        for (const lines of files) {
          const text = curatedFile(lines);
          expect([...(await collectCuratedTable(linesOf(text), { strings }))]).toStrictEqual(
            parseCuratedRows(text),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reads the same lines from a stream split into batches of lines, however its chunks fall', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ledgerLine, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        async (lines, cuts, crlf) => {
          const text = curatedFile(lines);
          const written = crlf ? text.replaceAll('\n', '\r\n') : text;
          expect([...(await collectCuratedTable(splitLines(chunksOf(written, cuts))))]).toStrictEqual(
            parseCuratedRows(text),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a malformed line read in batches as it does read alone, naming the same line', async () => {
    const good = formatCuratedRow({
      file: 'a.csv',
      line: 2,
      date: '2024-05-01',
      supplier: 'A',
      amount: 100,
      redacted: false,
    });
    const text = `${formatCuratedHeader()}\n${good}\n\n${good}\n${good.replace('1.00', '1.01')}\n${good}\n`;
    const alone = (() => {
      try {
        parseCuratedRows(text);
      } catch (error) {
        return error;
      }
    })();
    expect(alone).toBeInstanceOf(CuratedRowsError);
    expect((alone as Error).message).toMatch(/^curated line 5, column amount_gbp/);
    await expect(collectCuratedTable(splitLines(chunksOf(text, [7, 100, 230])))).rejects.toStrictEqual(alone);
  });

  it('passes on a read that fails part way, keeping none of the lines read before it', async () => {
    const failure = Object.assign(new Error('read ECONNRESET (injected)'), { code: 'ECONNRESET' });
    const line = formatCuratedRow({
      file: 'a.csv',
      line: 2,
      date: '2024-05-01',
      supplier: 'A',
      amount: 1,
      redacted: false,
    });
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(`${formatCuratedHeader()}\n${line}\n${line}\n${line.slice(0, 20)}`);
      throw failure;
    }
    await expect(collectCuratedTable(splitLines(cut()))).rejects.toBe(failure);
  });

  it('refuses a file that is not curated rows, naming the line', () => {
    expect(() => parseCuratedRows('Date,Supplier,Amount\n')).toThrow(CuratedRowsError);
    const good = formatCuratedRow({
      file: 'a.csv',
      line: 2,
      date: '2024-05-01',
      supplier: 'A',
      amount: 100,
      redacted: false,
    });
    expect(() => parseCuratedRows(`${formatCuratedHeader()}\n${good.replace('1.00', '1.01')}\n`)).toThrow(
      /curated line 2, column amount_gbp/,
    );
    expect(() => parseCuratedRows(`${formatCuratedHeader()}\n"a.csv,2\n`)).toThrow(/not closed/);
  });
});
