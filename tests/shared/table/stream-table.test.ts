import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  guessDelimiter,
  readTable,
  streamTable,
  TableFormatError,
  type TablePlan,
  type TableRow,
} from '../../../shared/table/index.ts';
import { xlsxFile } from '../ledger/build-files.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(
  bytes: Uint8Array,
  chunkSize: number,
  plan?: TablePlan,
): Promise<{ rows: TableRow[]; plan: TablePlan }> {
  const rows: TableRow[] = [];
  const read = await streamTable(
    'x.csv',
    () => chunksOf(bytes, chunkSize),
    {
      rows: (batch) => {
        rows.push(...batch);
      },
      restart: () => {
        rows.length = 0;
      },
    },
    plan,
  );
  return { rows, plan: read };
}

/** What the whole-text reader gave: csv-parse over the text at once, each row numbered by `info.lines`. */
function parseWhole(text: string, delimiter: string): TableRow[] {
  const records = parse(text.replace(/\r\n?/g, '\n'), {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let previousEnd = 0;
  return records.map(({ record, info }) => {
    const row = { line: previousEnd + 1, cells: record };
    previousEnd = info.lines;
    return row;
  });
}

const csvText = fc.string({ unit: fc.constantFrom(...'ab,;"\r\n \t£'), maxLength: 120 });

describe('streamTable on CSV', () => {
  it('numbers rows and splits cells as csv-parse over the whole text did, whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 1, max: 40 }), async (body, chunkSize) => {
        // prepare
        const text = `a,b\n${body}`;
        let whole: TableRow[] | 'error';
        try {
          whole = parseWhole(text, guessDelimiter(text.replace(/\r\n?/g, '\n')));
        } catch {
          whole = 'error';
        }
        // act
        const streamed = await collect(utf8(text), chunkSize).then(
          (result) => result.rows,
          (error: unknown) => {
            if (!(error instanceof TableFormatError)) throw error;
            return 'error' as const;
          },
        );
        // assert
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a file again the same way from the plan of its first read', async () => {
    const bytes = utf8('x;y;z\n1;"2\n3";4\n5;6;7\n');
    const first = await collect(bytes, 3);
    const second = await collect(bytes, 5, first.plan);
    expect(first.plan).toEqual({
      format: 'csv',
      csv: { decoding: { encoding: 'utf-8', skip: 0 }, delimiter: ';' },
    });
    expect(second.rows).toEqual(first.rows);
    expect(first.rows.map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it('starts again as Windows-1252 when a byte near the end is not UTF-8, forgetting the rows it gave', async () => {
    const bytes = Uint8Array.from([...utf8(`Supplier\n${'Acme\n'.repeat(1000)}`), 0xa3, ...utf8('5\n')]);
    const restarts: number[] = [];
    const rows: TableRow[] = [];
    const plan = await streamTable('x.csv', () => chunksOf(bytes, 64), {
      rows: (batch) => {
        rows.push(...batch);
      },
      restart: () => {
        restarts.push(rows.length);
        rows.length = 0;
      },
    });
    expect(restarts.length).toBe(1);
    expect(restarts[0]).toBeGreaterThan(900);
    expect(plan).toMatchObject({ csv: { decoding: { encoding: 'windows-1252' } } });
    expect(rows.at(-1)?.cells).toEqual(['£5']);
    expect((await readTable({ name: 'x.csv', bytes })).rows).toEqual(rows);
  });

  it('gives no row of the second read until an asynchronous restart is done', async () => {
    // prepare
    const bytes = Uint8Array.from([...utf8(`Supplier\n${'Acme\n'.repeat(1000)}`), 0xa3, ...utf8('5\n')]);
    const events: string[] = [];
    // act
    await streamTable('x.csv', () => chunksOf(bytes, 64), {
      rows: () => {
        if (events.at(-1) !== 'rows') events.push('rows');
      },
      restart: async () => {
        events.push('restart begun');
        await new Promise((resolve) => setTimeout(resolve, 10));
        events.push('restart done');
      },
    });
    // assert
    expect(events).toEqual(['rows', 'restart begun', 'restart done', 'rows']);
  });

  it('passes a failing source on as its own error', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield utf8('a,b\n1,2\n');
      throw new Error('connection reset');
    }
    const reading = streamTable('x.csv', failing, { rows: () => {}, restart: () => {} });
    await expect(reading).rejects.toThrow('connection reset');
  });
});

describe('streamTable on workbooks', () => {
  it('passes a source failing mid-workbook on as its own error, without waiting for more bytes', async () => {
    // prepare
    const file = await xlsxFile([
      {
        name: 'Sheet1',
        rows: [['Date', 'Supplier', 'Amount'], ...Array(500).fill(['13/04/2020', 'Acme', 1])],
      },
    ]);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield file.bytes.subarray(0, file.bytes.length / 2);
      throw new Error('connection reset');
    }
    // act
    const reading = streamTable('x.xlsx', failing, { rows: () => {}, restart: () => {} });
    // assert
    await expect(reading).rejects.toThrow('connection reset');
  });

  it('rejects a workbook cut short with a TableFormatError', async () => {
    const file = await xlsxFile([{ name: 'Sheet1', rows: [['Date', 'Supplier', 'Amount']] }]);
    const cut = file.bytes.subarray(0, file.bytes.length - 200);
    const reading = streamTable('x.xlsx', () => chunksOf(cut, 100), { rows: () => {}, restart: () => {} });
    await expect(reading).rejects.toThrow(TableFormatError);
    await expect(reading).rejects.toThrow(/could not be opened as an Excel workbook/);
  });

  it('tells which worksheet each row comes from, with its name, visibility and tab position', async () => {
    const file = await xlsxFile([
      { name: 'Hidden', state: 'hidden', rows: [['a']] },
      { name: 'Shown', rows: [['b'], [], ['c']] },
    ]);
    const seen: [string, number, string][] = [];
    const plan = await streamTable('x.xlsx', () => chunksOf(file.bytes, 1000), {
      rows: (rows, sheet) => {
        for (const row of rows) seen.push([sheet?.name ?? '', row.line, String(row.cells[0] ?? '')]);
      },
      restart: () => {},
    });
    expect(seen).toEqual([
      ['Hidden', 1, 'a'],
      ['Shown', 1, 'b'],
      ['Shown', 2, ''],
      ['Shown', 3, 'c'],
    ]);
    expect(
      plan.format === 'xlsx' && plan.sheets.map(({ name, hidden, position }) => ({ name, hidden, position })),
    ).toEqual([
      { name: 'Hidden', hidden: true, position: 0 },
      { name: 'Shown', hidden: false, position: 1 },
    ]);
  });
});
