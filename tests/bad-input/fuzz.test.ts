import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideDateOrder,
  isRedactedPayee,
  parseDate,
  parseMoney,
  penceFromNumber,
  readDateCell,
  readLedger,
  splitCompanyNumber,
} from '../../shared/ledger/index.ts';
import { LEDGER_COLUMNS } from '../../shared/ledger/ledger-columns.ts';
import type { Parsed } from '../../shared/ledger/parsed.ts';
import {
  parseMoneyCell,
  readSupplierReference,
  SupplierReferenceError,
} from '../../shared/suppliers/index.ts';
import {
  type Cell,
  mapColumns,
  readTable,
  streamTable,
  TableFormatError,
  type TableRow,
} from '../../shared/table/index.ts';
import { expectedFrom, stream } from '../shared/ledger/stream-harness.ts';
import { rowsXml, workbookWith } from './build-workbook.ts';

/**
 * Fuzzing the readers: whatever the bytes or text, each returns a value or throws the project's own error
 * (`TableFormatError`, `SupplierReferenceError`); the cell parsers, which return a `Parsed` result, never
 * throw at all. Runs are bounded so the suite stays fast; a failure prints its seed to replay.
 */

const encoder = new TextEncoder();

/** Text made of what breaks CSV readers: quotes, delimiters, line ends, NUL, BOMs, non-ASCII, header words. */
const csvUnit = fc.constantFrom(
  ...'ab1,;"\t\r\n \u0000\ufeff£é–😀\u202e'.split(''),
  'Date',
  'Supplier',
  'Amount',
  '13/04/2024',
  '04/13/2024',
  '1,234.56',
  '(12.00)',
  'Total',
  '=HYPERLINK("x")',
);
const csvText = fc.array(csvUnit, { maxLength: 80 }).map((units) => units.join(''));

/** That text as the bytes of the encodings files come in, or any bytes at all. */
const fileBytes = fc.oneof(
  csvText.map((text) => encoder.encode(text)),
  csvText.map((text) => Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(text)])),
  csvText.map((text) => new Uint8Array(Buffer.from(text, 'utf16le'))),
  csvText.map((text) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])),
  csvText.map((text) => new Uint8Array(Buffer.from(text, 'latin1'))),
  fc.uint8Array({ maxLength: 600 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...bytes])),
);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Resolves to what `read` gives, or to the error if it is one of `allowed`; anything else fails the property. */
async function valueOrOwnError<T>(
  read: () => Promise<T>,
  allowed: readonly (new (...args: never[]) => Error)[],
) {
  try {
    return await read();
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return error as Error;
    throw error;
  }
}

/** A small workbook, then damaged: bytes overwritten, cut short, or bytes inserted. */
const WORKBOOK = workbookWith(
  rowsXml([
    ['Date', 'Supplier', 'Amount'],
    ['13/04/2024', 'Acme Ltd', 100.5],
    ['14/04/2024', 'Beta Ltd', 20],
  ]),
);
const damagedWorkbook = fc.oneof(
  fc
    .array(fc.tuple(fc.nat({ max: WORKBOOK.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((edits) => {
      const bytes = Uint8Array.from(WORKBOOK);
      for (const [at, value] of edits) bytes[at] = value;
      return bytes;
    }),
  fc.nat({ max: WORKBOOK.length - 1 }).map((length) => WORKBOOK.subarray(0, length)),
  fc
    .tuple(fc.nat({ max: WORKBOOK.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([at, inserted]) =>
      Uint8Array.from([...WORKBOOK.subarray(0, at), ...inserted, ...WORKBOOK.subarray(at)]),
    ),
);

describe('the table reader, fuzzed', () => {
  it('gives rows or a TableFormatError for any bytes, in any chunks, and the same either way', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.integer({ min: 1, max: 64 }), async (bytes, chunkSize) => {
        // prepare
        const rows: TableRow[] = [];
        const sink = {
          rows: (batch: TableRow[]) => {
            rows.push(...batch);
          },
          restart: () => {
            rows.length = 0;
          },
        };
        // act
        const streamed = await valueOrOwnError(
          () => streamTable('fuzz.csv', () => chunksOf(bytes, chunkSize), sink).then(() => rows),
          [TableFormatError],
        );
        const whole = await valueOrOwnError(() => readTable({ name: 'fuzz.csv', bytes }), [TableFormatError]);
        // assert
        if (streamed instanceof Error || whole instanceof Error) {
          expect(
            streamed instanceof Error && whole instanceof Error && streamed.message === whole.message,
          ).toBe(true);
        } else {
          expect(streamed).toEqual(whole.rows);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives rows or a TableFormatError for a damaged workbook, never waiting for ever', async () => {
    await fc.assert(
      fc.asyncProperty(damagedWorkbook, async (bytes) => {
        const read = await valueOrOwnError(() => readTable({ name: 'fuzz.xlsx', bytes }), [TableFormatError]);
        expect(
          read instanceof TableFormatError || (!(read instanceof Error) && Array.isArray(read.rows)),
        ).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});

describe('the ledger readers, fuzzed', () => {
  it('never throw for any bytes, and the stream decides exactly as readLedger', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fileBytes,
          csvText.map((text) => encoder.encode(`Date,Supplier,Amount\r\n${text}`)),
          damagedWorkbook,
        ),
        fc.integer({ min: 1, max: 97 }),
        async (bytes, chunkSize) => {
          const file = { name: 'fuzz.csv', bytes };
          const ledger = await readLedger(file);
          expect(['accepted', 'rejected']).toContain(ledger.status);
          expect(await stream(file, chunkSize)).toEqual(expectedFrom(ledger));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('readSupplierReference gives records or a SupplierReferenceError for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fileBytes,
          csvText.map((text) => encoder.encode(`Supplier Name,SME,Company Number\r\n${text}`)),
        ),
        async (bytes) => {
          const read = await valueOrOwnError(
            () => readSupplierReference({ name: 'fuzz.csv', bytes }),
            [SupplierReferenceError],
          );
          expect(
            read instanceof SupplierReferenceError ||
              (!(read instanceof Error) && Array.isArray(read.records)),
          ).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A `Parsed` result: a value of the right kind, or a non-empty reason — returned, never thrown. */
function expectParsed<T>(result: Parsed<T>, valid: (value: T) => boolean): void {
  if (result.ok) expect(valid(result.value), JSON.stringify(result)).toBe(true);
  else expect(result.reason.length).toBeGreaterThan(0);
}

const isPence = (value: number) => Number.isSafeInteger(value) && !Object.is(value, -0);
const isPlausibleIso = (value: string) =>
  /^(199\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value);

/** Any cell a reader can hand over: text, any double (NaN, ±Infinity, -0), any Date (invalid too), booleans. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  csvText,
  fc.double(),
  fc.integer({ min: -100_000, max: 200_000 }),
  fc.date({ noInvalidDate: false }),
  fc.boolean(),
  fc.constant(null),
);

describe('the cell parsers, fuzzed: they return a value or a reason and never throw', () => {
  it('parseMoney, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), csvText), (text) => {
        expectParsed(parseMoney(text), isPence);
      }),
      { numRuns: 2000 },
    );
  });

  it('penceFromNumber, for any double', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expectParsed(penceFromNumber(value), isPence);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseDate and readDateCell, for any cell, order and date system', () => {
    fc.assert(
      fc.property(
        anyCell,
        fc.constantFrom(undefined, 'DMY', 'MDY' as const),
        fc.boolean(),
        (cell, order, date1904) => {
          expectParsed(parseDate(cell, order, { date1904 }), isPlausibleIso);
          const reading = readDateCell(cell, { date1904 });
          expect(['date', 'numeric', 'bad']).toContain(reading.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decideDateOrder, for any samples', () => {
    const sample = fc.record({
      style: fc.constant('n/n/yyyy'),
      first: fc.integer({ min: 0, max: 40 }),
      second: fc.integer({ min: 0, max: 40 }),
      line: fc.nat(),
      text: fc.string({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 6 }),
        fc.constantFrom(undefined, 'DMY', 'MDY' as const),
        (samples, forced) => {
          const outcome = decideDateOrder('n/n/yyyy', samples, forced);
          expect(outcome.ok ? outcome.order : outcome.reason).toBeTruthy();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('take time in proportion to the text: long runs of one character or token (each took minutes once)', () => {
    const token = fc.constantFrom(
      ' ',
      'T',
      '*',
      '-',
      '.',
      ',',
      ':',
      '1',
      '1 ',
      ' :',
      '12:00 ',
      'a ',
      '£',
      '\t',
    );
    const longText = fc
      .tuple(
        fc.constantFrom('', '1', 'a', 'Total '),
        token,
        fc.integer({ min: 20_000, max: 200_000 }),
        fc.constantFrom('', 'x', '!', '1'),
      )
      .map(([head, unit, length, tail]) => `${head}${unit.repeat(Math.ceil(length / unit.length))}${tail}`);
    fc.assert(
      fc.property(longText, (text) => {
        expectParsed(parseMoney(text), isPence);
        expect(readDateCell(text).kind).toBe('bad');
        expect(typeof isRedactedPayee(text)).toBe('boolean');
        expect(typeof splitCompanyNumber(text).name).toBe('string');
        expect(typeof parseMoneyCell(text).ok).toBe('boolean');
        expect(Array.isArray(mapColumns([text, text], LEDGER_COLUMNS).missing)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
