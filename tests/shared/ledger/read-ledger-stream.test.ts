import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  findLedgerHeader,
  interpretLedgerTable,
  LedgerSourceChangedError,
  MAX_LISTED,
  readLedger,
  readLedgerStream,
} from '../../../shared/ledger/index.ts';
import { readLedgerStreamHolding } from '../../../shared/ledger/read-ledger-stream.ts';
import type { InputFile, ReadLedgerOptions } from '../../../shared/types.ts';
import { loadWorkbookTable } from '../table/load-workbook.ts';
import { csvFile, encodeWindows1252, goodRows, simpleCsv, utf8, withBom, xlsxFile } from './build-files.ts';
import { chunksOf, expectedFrom, stream } from './stream-harness.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/real-spend');
const FIXTURES = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) => readdirSync(join(ROOT, folder.name)).map((name) => `${folder.name}/${name}`))
  .sort();

async function expectSameAsReadLedger(file: InputFile, chunkSize: number, options: ReadLedgerOptions = {}) {
  const expected = expectedFrom(await readLedger(file, options));
  const streamed = await stream(file, chunkSize, options);
  expect(streamed).toEqual(expected);
  return streamed;
}

/** The synthetic files of the readLedger suite, quirk by quirk. */
async function quirkFiles(): Promise<[string, InputFile, ReadLedgerOptions?][]> {
  const bad = goodRows(20);
  bad[2] = ['13/04/2020', 'Acme', 'n/a'];
  bad[7] = ['13/04/2020', 'Acme', '1.234,56'];
  const someBad = goodRows(60);
  someBad[0] = ['14/04/2020', '', '1.00'];
  someBad[1] = ['yesterday', 'Acme', '1.00'];
  someBad[2] = ['31/04/2020', 'Acme', '1.00'];
  return [
    [
      'a plain CSV with every optional column',
      csvFile([
        'Department Family,Entity,Date Paid,Expense Type,Expense Area,Supplier Name,Transaction Reference,Description,amount',
        'Department of Health,Some Trust,02/04/2020,Building,Works,Bywest Ltd,1456945,"Roof, phase 2","67,132.60"',
        'Department of Health,Some Trust,17/04/2020,Drugs,Pharmacy,Alloga UK Ltd,1456946,,-85.00',
      ]),
    ],
    [
      'LF endings, blank and ",,," lines',
      {
        name: 'lf.csv',
        bytes: utf8('Date,Supplier,Amount\n13/04/2020,Acme,1.00\n,,\n\n14/04/2020,Beta,2.00\n\n\n'),
      },
    ],
    [
      'quoted line breaks',
      csvFile(['Date,Supplier,Amount', '13/04/2020,"Smith, Jones\r\n& Co",5.00', '14/04/2020,Beta,2.00']),
    ],
    [
      'old Mac CR line ends',
      { name: 'cr.csv', bytes: utf8('Date,Supplier,Amount\r13/04/2020,Acme,1.00\r14/04/2020,Beta,2.00\r') },
    ],
    [
      'forced text and padding',
      csvFile(['Date, Supplier ,Supplier ID, Amount ', " 13/04/2020 ,  Acme Ltd  ,'00123,' 1.00 "]),
    ],
    [
      'a UTF-8 BOM',
      { name: 'bom.csv', bytes: withBom(utf8('Date,Supplier,Amount\r\n13/04/2020,Café Ltd,£1.00\r\n')) },
    ],
    [
      'Windows-1252 bytes',
      {
        name: 'cp1252.csv',
        bytes: encodeWindows1252('Date,Supplier,Amount\r\n13/04/2020,Smith – Jones,"£38,148.43"\r\n'),
      },
    ],
    [
      'a BOM before Windows-1252 bytes',
      {
        name: 'bom1252.csv',
        bytes: withBom(encodeWindows1252('Date,Supplier,Amount\r\n13/04/2020,Café,£1.00\r\n')),
      },
    ],
    [
      'UTF-16LE with a BOM',
      {
        name: 'utf16.csv',
        bytes: Uint8Array.from([
          0xff,
          0xfe,
          ...Buffer.from('Date,Supplier,Amount\r\n13/04/2020,Café,£1.00\r\n', 'utf16le'),
        ]),
      },
    ],
    [
      'tab-separated',
      { name: 'tabs.txt', bytes: utf8('Date\tSupplier\tAmount\n13/04/2020\tAcme, Ltd\t1.00\n') },
    ],
    [
      'semicolon-separated',
      { name: 'semi.csv', bytes: utf8('Date;Supplier;Amount\n13/04/2020;Acme;1.00\n14/04/2020;Beta;2,00\n') },
    ],
    [
      'titles above the header',
      csvFile([
        'Barts Health NHS Trust,,',
        'Expenditure over £25,000 — April 2024,,',
        ',,',
        '',
        'Date,Supplier,Amount',
        '13/04/2020,Acme,1.00',
      ]),
    ],
    ['a misspelt header', csvFile(['Date,Suppklier,AP Amount', '13/04/2020,Acme,1.00'])],
    ['no amount column', csvFile(['Date,Supplier,VAT Amount,Price', '13/04/2020,Acme,0.20,1.00'])],
    ['"Data" and "Supplier ID" only', csvFile(['Data,Supplier ID,Amount', '13/04/2020,123,1.00'])],
    ['no header at all', csvFile(['just,some,words', '1,2,3'])],
    [
      'summary rows',
      csvFile([
        'Date,Supplier,Expense Type,Amount',
        '13/04/2020,Acme,Gas,1.00',
        ',,Sum:,1.00',
        'Total,,,"1.00"',
        '30/04/2020,Total,,300.00',
        '13/08/2020,Total Gas & Power Ltd,,"46,055.11"',
        ',Total Gas & Power Ltd,,1.00',
      ]),
    ],
    ['a repeated header', simpleCsv([...goodRows(2), ['Date', 'Supplier', 'Amount'], ...goodRows(2)])],
    ['a few bad lines', simpleCsv(someBad)],
    ['too many bad lines', simpleCsv(bad)],
    ['too many bad lines, allowed', simpleCsv(bad), { maxBadShare: 0.5 }],
    ['an empty file', { name: 'empty.csv', bytes: new Uint8Array() }],
    ['a header and no lines', csvFile(['Date,Supplier,Amount', ',,'])],
    [
      'month-first dates',
      simpleCsv([
        ['9/30/2020', 'Spire', '-47,997.83'],
        ['10/31/2020', 'Acme', '1.00'],
        ['10/1/2020', 'B', '2.00'],
      ]),
    ],
    [
      'undecidable dates',
      simpleCsv([
        ['02/04/2020', 'Acme', '1.00'],
        ['05/06/2020', 'Beta', '2.00'],
      ]),
    ],
    [
      'undecidable dates, order given',
      simpleCsv([
        ['02/04/2020', 'Acme', '1.00'],
        ['05/06/2020', 'Beta', '2.00'],
      ]),
      { dateOrder: 'MDY' },
    ],
    [
      'inconsistent dates',
      simpleCsv([
        ['31/03/2021', 'Acme', '1.00'],
        ['3/31/2021', 'Beta', '2.00'],
      ]),
    ],
    [
      'two numeric styles and named months',
      simpleCsv([
        ['2/28/2021', 'Acme', '1.00'],
        ['28/02/21', 'Beta', '2.00'],
        ['31-Aug-20', 'C', '3.00'],
        ['07-SEP-2020 ', 'D', '4.00'],
        ['2020-09-02', 'E', '5.00'],
        ['2/30/2021', 'F', '6.00'],
      ]),
    ],
    [
      'company numbers and withheld payees',
      simpleCsv([
        ['13/04/2020', 'KINGS COLLEGE LONDON:03529700', '1.00'],
        ['13/04/2020', 'REDACTED', '2.00'],
        ['13/04/2020', 'Redactive Media Ltd', '4.00'],
      ]),
    ],
    [
      'supplier postcodes',
      csvFile([
        'Date,Supplier,Supplier Postcode,Amount',
        '13/04/2020,Acme,me141xx,1.00',
        '13/04/2020,Beta,NOT KNOWN,2.00',
      ]),
    ],
    ['an unclosed quote', csvFile(['Date,Supplier,Amount', '13/04/2020,"Acme,1.00'])],
    ['binary content', { name: 'scan.pdf', bytes: Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]) }],
    [
      'a legacy .xls',
      {
        name: 'old.xls',
        bytes: Uint8Array.from([
          0xd0,
          0xcf,
          0x11,
          0xe0,
          0xa1,
          0xb1,
          0x1a,
          0xe1,
          ...new Array<number>(504).fill(0),
        ]),
      },
    ],
    [
      'a damaged workbook',
      { name: 'broken.xlsx', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]) },
    ],
    ...(await workbooks()),
  ];
}

async function workbooks(): Promise<[string, InputFile][]> {
  return [
    [
      'a workbook with typed cells below a title',
      await xlsxFile([
        { name: 'Sheet1', rows: [] },
        { name: 'Notes', rows: [['These are our payments over £25,000']] },
        {
          name: 'April 2020',
          rows: [
            ['North Middlesex University Hospital NHS Trust'],
            [],
            ['Date Paid', 'Supplier', 'Transaction number', 'Amount'],
            [new Date(Date.UTC(2020, 3, 1)), 'B-Plan Information Systems Ltd', 762906, 50773.2],
            [43923, { richText: [{ text: 'Floyd & ' }, { text: 'Son Ltd' }] }, 764851, 75573.509999999995],
            ['03/04/2020', 'Linea Partners Ltd', 772656, '£1,200.00'],
            ['15/04/2020', 'Matz Medical Ltd', 768245, { formula: '-2549', result: -2549 }],
            [],
            [null, 'Total', null, { formula: 'SUM(D4:D7)', result: 126893.71 }],
          ],
        },
      ]),
    ],
    [
      'a workbook with a hidden sheet first',
      await xlsxFile([
        {
          name: 'Old',
          state: 'hidden',
          rows: [
            ['Date', 'Supplier', 'Amount'],
            ['13/04/2019', 'Old Ltd', 1],
          ],
        },
        {
          name: 'Current',
          rows: [
            ['Date', 'Supplier', 'Amount'],
            ['13/04/2020', 'New Ltd', 2],
          ],
        },
      ]),
    ],
    [
      'a workbook without a header',
      await xlsxFile([
        {
          name: 'Data',
          rows: [
            ['When', 'Who', 'Amount'],
            ['13/04/2020', 'Acme', 1],
          ],
        },
      ]),
    ],
    ['a workbook with no content', await xlsxFile([{ name: 'Sheet1', rows: [] }])],
    ['a workbook with merged cells', await mergedWorkbook()],
  ];
}

/** A title merged across the columns, a supplier merged down three lines, a date formula shown as a date. */
async function mergedWorkbook(): Promise<InputFile> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Payments');
  sheet.getCell('A1').value = 'Payments over £25,000';
  sheet.mergeCells('A1:C1');
  sheet.addRow([]);
  sheet.getRow(3).values = ['Date', 'Supplier', 'Amount'];
  sheet.getRow(4).values = [new Date(Date.UTC(2020, 3, 14)), 'Acme Ltd', 10];
  sheet.getRow(5).values = [new Date(Date.UTC(2020, 3, 15)), null, 20];
  sheet.getRow(6).values = [{ formula: 'A5+1', result: 43937 }, null, 30];
  sheet.getCell('A6').numFmt = 'dd/mm/yyyy';
  sheet.mergeCells('B4:B6');
  return { name: 'merged.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

describe('readLedgerStream on the real published files', () => {
  it('has every fixture to compare', () => {
    expect(FIXTURES.length).toBeGreaterThan(100);
  });

  it.each(FIXTURES)('decides %s exactly as readLedger does, read once or twice', async (path) => {
    // prepare
    const file = { name: path, bytes: readFileSync(join(ROOT, path)) };
    const expected = expectedFrom(await readLedger(file));
    // act
    const twice = await stream(file, 16_384);
    const once = await stream(file, 16_384, {}, Number.POSITIVE_INFINITY);
    // assert
    expect(twice).toEqual(expected);
    expect(once).toEqual(expected);
    expect(twice.summary.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('readLedgerStream on the quirks readLedger copes with', () => {
  it('decides each quirk file exactly as readLedger does', async () => {
    for (const [what, file, options] of await quirkFiles()) {
      const expected = expectedFrom(await readLedger(file, options));
      expect(await stream(file, 65_536, options), what).toEqual(expected);
      expect(await stream(file, 4096, options, 2_000_000), what).toEqual(expected);
    }
  });

  it('reads a workbook as loading it whole would: typed cells, merged ranges, date formulas, hidden sheets', async () => {
    for (const [what, file] of await workbooks()) {
      // prepare: the full-load reader readLedger used before it streamed
      const table = await loadWorkbookTable(file, {
        selectSheet: (rows) => findLedgerHeader(rows).found !== undefined,
      });
      const loaded = interpretLedgerTable(table, file.name, 'sha');
      // act
      const streamed = await readLedger(file);
      // assert
      expect({ ...streamed, sha256: 'sha' }, what).toEqual(loaded);
    }
  });

  it('fills a merged supplier cell down the lines it spans', async () => {
    const ledger = await readLedger(await mergedWorkbook());
    expect(ledger.lines.map(({ date, supplier, amount }) => [date, supplier, amount])).toEqual([
      ['2020-04-14', 'Acme Ltd', 1000],
      ['2020-04-15', 'Acme Ltd', 2000],
      ['2020-04-16', 'Acme Ltd', 3000],
    ]);
    expect(ledger.dateStyles.map((decision) => decision.style)).toEqual(['date-cell']);
  });
});

describe('formula results exceljs does not stream', () => {
  it('reads a formula whose saved result is an error as empty, and a TRUE result as 1', async () => {
    // prepare
    const file = await xlsxFile([
      {
        name: 'Sheet1',
        rows: [
          ['Date', 'Supplier', 'Amount'],
          ['13/04/2020', { formula: 'VLOOKUP(1,X,2)', result: { error: '#N/A' as const } }, 1],
          ['14/04/2020', 'Acme', { formula: 'ISNUMBER(1)', result: true }],
          ...goodRows(40),
        ],
      },
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.issues).toEqual([expect.objectContaining({ line: 2, column: 'Supplier', value: '' })]);
    expect(ledger.lines[0]).toMatchObject({ line: 3, supplier: 'Acme', amount: 100 });
  });
});

describe('readLedgerStream across chunk boundaries', () => {
  const files: [string, InputFile][] = [
    [
      '£ (two UTF-8 bytes) in every amount',
      simpleCsv(goodRows(40).map(([d, s]) => [d, `${s} £`, '£1,234.56'])),
    ],
    [
      'CRLF line ends and a quoted CRLF',
      csvFile([
        'Date,Supplier,Amount',
        '13/04/2020,"Smith\r\n& Co",5.00',
        ...goodRows(30).map((r) => r.join(',')),
      ]),
    ],
    ['a UTF-8 BOM', { name: 'bom.csv', bytes: withBom(simpleCsv(goodRows(30)).bytes) }],
    [
      'Windows-1252 shown only by a byte near the end',
      {
        name: 'late.csv',
        bytes: Uint8Array.from([
          ...simpleCsv(goodRows(500)).bytes,
          ...encodeWindows1252('30/04/2020,Café – Bar,"£9.99"\r\n'),
        ]),
      },
    ],
    [
      'UTF-16LE',
      {
        name: 'utf16.csv',
        bytes: Uint8Array.from([
          0xff,
          0xfe,
          ...Buffer.from('Date,Supplier,Amount\r\n13/04/2020,Café,£1.00\r\n', 'utf16le'),
        ]),
      },
    ],
  ];

  it.each(files)('gives the same result in 1, 7 and 65,536-byte chunks: %s', async (_what, file) => {
    // prepare
    const expected = expectedFrom(await readLedger(file));
    // act
    const results = [await stream(file, 1), await stream(file, 7), await stream(file, 65_536)];
    // assert
    for (const result of results) expect(result).toEqual(expected);
    expect(expected.summary.status).toBe('accepted');
  });

  it('reads the late Windows-1252 byte as Windows-1252, whole file', async () => {
    const [, file] = files[3] as [string, InputFile];
    const { summary, lines } = await stream(file, 7);
    expect(summary.encoding).toBe('windows-1252');
    expect(lines.at(-1)).toMatchObject({ supplier: 'Café – Bar', amount: 999 });
  });

  it('gives the same result for a workbook in 1, 7 and 65,536-byte chunks', async () => {
    const file = await mergedWorkbook();
    const expected = expectedFrom(await readLedger(file));
    for (const size of [1, 7, 65_536]) expect(await stream(file, size)).toEqual(expected);
  });
});

describe('readLedgerStream hands lines on only for an accepted file', () => {
  const rejected: [string, InputFile, ReadLedgerOptions?][] = [
    [
      'a required column is missing',
      csvFile(['Date,Supplier,Price', '13/04/2020,Acme,1.00', '14/04/2020,Beta,2.00']),
    ],
    [
      'too many lines are bad',
      simpleCsv([...goodRows(10), ['13/04/2020', 'Acme', 'n/a']]),
      { maxBadShare: 0.05 },
    ],
    [
      'the day/month order cannot be decided',
      simpleCsv([
        ['02/04/2020', 'Acme', '1.00'],
        ['05/06/2020', 'Beta', '2.00'],
      ]),
    ],
  ];

  it.each(rejected)('never calls onLine when %s', async (_what, file, options) => {
    // prepare
    let calls = 0;
    // act
    const summary = await readLedgerStream(
      file.name,
      () => chunksOf(file.bytes, 8),
      {
        lines: (lines) => {
          calls += lines.length;
        },
        discard: () => {},
      },
      options,
    );
    // assert
    expect(summary).toMatchObject({
      status: 'rejected',
      rowCount: 0,
      total: 0,
      monthCounts: {},
      monthTotals: {},
    });
    expect(summary.rejection?.reason).toBeTruthy();
    expect(calls).toBe(0);
  });

  it.each([0, 2_000_000])(
    'waits for each onLine promise before going on, in file order (%i bytes of lines kept)',
    async (held) => {
      const file = simpleCsv(goodRows(50));
      let inFlight = 0;
      let most = 0;
      const seen: number[] = [];
      const summary = await readLedgerStreamHolding(held, file.name, () => chunksOf(file.bytes, 64), {
        lines: async (lines) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          for (const line of lines) seen.push(line.line);
          inFlight--;
        },
        discard: () => {},
      });
      expect(most).toBe(1);
      expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
      expect(summary).toMatchObject({
        status: 'accepted',
        rowCount: 50,
        total: 500_000,
        monthCounts: { '2020-04': 50 },
        monthTotals: { '2020-04': 500_000 },
      });
    },
  );

  it('reads a CSV once (a workbook twice), once more only when its date order is decided too late', async () => {
    // prepare
    const opened = { small: 0, workbook: 0, large: 0, late: 0 };
    const small = simpleCsv(goodRows(2000));
    const large = simpleCsv(goodRows(20_000));
    // 60,000 lines dated 1–12 April (either order) before the first 13th: more than the 8 MB held.
    const ambiguous = goodRows(60_000).map(
      ([, supplier, amount], i) => [`${1 + (i % 12)}/04/2020`, supplier, amount] as [string, string, string],
    );
    const late = simpleCsv([...ambiguous, ...goodRows(10)]);
    const workbook = await mergedWorkbook();
    const counting = (key: keyof typeof opened, bytes: Uint8Array) => () => {
      opened[key]++;
      return chunksOf(bytes, 65_536);
    };
    const ignore = { lines: () => {}, discard: () => {} };
    // act
    await readLedgerStream('small.csv', counting('small', small.bytes), ignore);
    await readLedgerStream('merged.xlsx', counting('workbook', workbook.bytes), ignore);
    const summary = await readLedgerStream('large.csv', counting('large', large.bytes), ignore);
    const lateSummary = await readLedgerStream('late.csv', counting('late', late.bytes), ignore);
    // assert
    expect(opened).toEqual({ small: 1, workbook: 2, large: 1, late: 2 });
    expect(summary).toMatchObject({ status: 'accepted', rowCount: 20_000 });
    expect(lateSummary).toMatchObject({ status: 'accepted', rowCount: 60_010 });
  });

  it('passes an error from onLine on, and closes the bytes it was reading', async () => {
    const file = simpleCsv(goodRows(50));
    let closed = 0;
    const open = async function* () {
      try {
        yield* chunksOf(file.bytes, 64);
      } finally {
        closed++;
      }
    };
    const reading = readLedgerStreamHolding(0, file.name, open, {
      lines: () => {
        throw new Error('disk full');
      },
      discard: () => {},
    });
    await expect(reading).rejects.toThrow('disk full');
    expect(closed).toBe(2);
  });

  it('throws LedgerSourceChangedError when the bytes differ between its reads', async () => {
    const first = simpleCsv(goodRows(20)).bytes;
    const second = simpleCsv(goodRows(21)).bytes;
    let opens = 0;
    const reading = readLedgerStreamHolding(
      0,
      'moving.csv',
      () => chunksOf(opens++ === 0 ? first : second, 100),
      { lines: () => {}, discard: () => {} },
    );
    await expect(reading).rejects.toThrow(LedgerSourceChangedError);
  });
});

describe('a file with very many problems', () => {
  it(`lists the first ${MAX_LISTED} and sums up the rest, streamed or not`, async () => {
    // prepare
    const rows = goodRows(1600);
    for (let i = 0; i < 1500; i++) rows[i] = ['13/04/2020', 'Acme', 'n/a'];
    const file = simpleCsv(rows);
    // act
    const ledger = await readLedger(file, { maxBadShare: 1 });
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines).toHaveLength(100);
    expect(ledger.issues).toHaveLength(MAX_LISTED + 1);
    expect(ledger.issues.at(-1)).toMatchObject({
      line: 0,
      reason: expect.stringMatching(/^and 500 more problems/),
    });
    expect(ledger.issues[MAX_LISTED - 1]?.line).toBe(MAX_LISTED + 1);
    await expectSameAsReadLedger(file, 4096, { maxBadShare: 1 });
    const strict = await readLedger(file);
    expect(strict.rejection?.reason).toContain('1500 of 1600 payment lines (93.8%) could not be read');
  });
});

describe('readLedgerStream memory', () => {
  /** The heap after a full garbage collection: what is really held. */
  function liveHeap(): number {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    return process.memoryUsage().heapUsed;
  }

  /** The chunks, measuring the live heap every `every` chunks: over every read of the file. */
  async function* measured(
    chunks: AsyncIterable<Uint8Array>,
    every: number,
    record: (heap: number) => void,
  ): AsyncGenerator<Uint8Array> {
    let count = 0;
    for await (const chunk of chunks) {
      if (++count % every === 0) record(liveHeap());
      yield chunk;
    }
  }

  /** A ~`bytes` CSV with a long description on every line, made as it is read. */
  async function* generatedCsv(bytes: number): AsyncGenerator<Uint8Array> {
    const encoder = new TextEncoder();
    const narrative = 'Supply and fit of replacement theatre lighting, '.repeat(8);
    let text = 'Date Paid,Supplier Name,Description,Transaction Number,Amount\r\n';
    let produced = 0;
    for (let i = 0; produced < bytes; i++) {
      text += `${10 + (i % 19)}/05/2024,Supplier ${i % 3000} Ltd,"${narrative}${i}",${i},"${(i % 900) + 1},234.56"\r\n`;
      if (text.length >= 65_536) {
        const chunk = encoder.encode(text);
        produced += chunk.length;
        text = '';
        yield chunk;
      }
    }
    yield encoder.encode(text);
  }

  it('holds well under a third of a 60 MB CSV while streaming it', async () => {
    // prepare
    const size = 60 * 1024 * 1024;
    const before = liveHeap();
    let most = 0;
    let samples = 0;
    const record = (heap: number) => {
      samples++;
      most = Math.max(most, heap - before);
    };
    // act
    const summary = await readLedgerStream('big.csv', () => measured(generatedCsv(size), 32, record), {
      lines: () => {},
      discard: () => {},
    });
    // assert
    expect(summary.status).toBe('accepted');
    expect(summary.rowCount).toBeGreaterThan(100_000);
    expect(samples).toBeGreaterThan(20);
    expect(most).toBeLessThan(size / 3);
  });

  it('holds well under a third of a 15 MB workbook while streaming it', async () => {
    // prepare: long numbers (transaction, cost centre, account codes) as ledger exports carry them
    const { default: ExcelJS } = await import('exceljs');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const sheet = workbook.addWorksheet('Payments');
    sheet
      .addRow(['Payment Date', 'Supplier', 'Amount', 'Transaction', 'Cost Centre', 'Account', 'Unit Price'])
      .commit();
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const lines = 200_000;
    for (let i = 0; i < lines; i++) {
      sheet
        .addRow([
          `${10 + (i % 19)}/05/2024`,
          `Supplier ${i % 3000} Ltd`,
          Math.round(random() * 1e7) / 100,
          Math.floor(random() * 1e15),
          Math.floor(random() * 1e9),
          Math.floor(random() * 1e9),
          random() * 1000,
        ])
        .commit();
    }
    await workbook.commit();
    const bytes = Buffer.concat(chunks);
    const before = liveHeap();
    let most = 0;
    let samples = 0;
    const record = (heap: number) => {
      samples++;
      most = Math.max(most, heap - before);
    };
    // act
    const summary = await readLedgerStream('big.xlsx', () => measured(chunksOf(bytes, 65_536), 16, record), {
      lines: () => {},
      discard: () => {},
    });
    // assert
    expect(bytes.length).toBeGreaterThan(12 * 1024 * 1024);
    expect(summary).toMatchObject({ status: 'accepted', rowCount: lines });
    expect(samples).toBeGreaterThan(20);
    expect(most).toBeLessThan(bytes.length / 3);
  });
});
