import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerSourceChangedError, readLedger, readLedgerStream } from '../../../shared/ledger/index.ts';
import { type HeldLines, readLedgerStreamHolding } from '../../../shared/ledger/read-ledger-stream.ts';
import type { InputFile, LedgerLine, ReadLedgerOptions } from '../../../shared/types.ts';
import { encodeWindows1252, goodRows, simpleCsv } from './build-files.ts';
import { chunksOf, collect, expectedFrom, stream } from './stream-harness.ts';

type Row = [string, string, string];

/** What a sink was told, in order: batches of lines (their count) and discards. */
type SinkEvent = { lines: number; chunksRead: number } | 'discard';

/** Reads a file with `readLedgerStream`, recording the sink's calls, the reads and chunks read. */
async function record(file: InputFile, options: ReadLedgerOptions = {}, chunkSize = 65_536) {
  const events: SinkEvent[] = [];
  const lines: LedgerLine[] = [];
  const kept = collect(lines);
  let opens = 0;
  let chunksRead = 0;
  const chunks = Math.ceil(file.bytes.length / chunkSize);
  async function* open() {
    opens++;
    for await (const chunk of chunksOf(file.bytes, chunkSize)) {
      chunksRead++;
      yield chunk;
    }
  }
  const summary = await readLedgerStream(
    file.name,
    open,
    {
      lines: (batch) => {
        events.push({ lines: batch.length, chunksRead });
        kept.lines(batch);
      },
      discard: () => {
        events.push('discard');
        kept.discard();
      },
    },
    options,
  );
  /** Lines given before the first read had reached the end of the file. */
  const givenEarly = events.reduce(
    (sum, event) => (event !== 'discard' && event.chunksRead < chunks ? sum + event.lines : sum),
    0,
  );
  return { streamed: { summary, lines }, events, opens, givenEarly };
}

/** `count` lines dated 1–12 April 2020: either order reads them. */
function ambiguousRows(count: number, separator = '/'): Row[] {
  return goodRows(count).map(([, supplier, amount], i) => [
    `${1 + (i % 12)}${separator}04${separator}2020`,
    supplier,
    amount,
  ]);
}

describe('readLedgerStream gives a CSV in one read', () => {
  it('gives the lines of a large file while reading it, exactly as readLedger reads them', async () => {
    // prepare
    const file = simpleCsv(goodRows(20_000));
    // act
    const { streamed, events, opens, givenEarly } = await record(file);
    // assert
    expect(streamed).toEqual(expectedFrom(await readLedger(file)));
    expect(opens).toBe(1);
    expect(givenEarly).toBeGreaterThan(15_000);
    expect(events).not.toContain('discard');
  });

  it('holds lines until the date order is decided by a day above 12 late in the file, then reads once', async () => {
    // prepare: 5,000 lines (under a MB held) before the first 13th
    const file = simpleCsv([...ambiguousRows(5000), ...goodRows(50)]);
    // act
    const { streamed, opens } = await record(file);
    // assert
    expect(streamed).toEqual(expectedFrom(await readLedger(file)));
    expect(streamed.summary.dateStyles).toMatchObject([{ style: 'n/n/yyyy', order: 'DMY' }]);
    expect(opens).toBe(1);
  });

  it('reads the file again when the date order is still undecided past the lines it holds: the same lines as before', async () => {
    // prepare: 60,000 ambiguous lines (over 8 MB held), then month-first evidence
    const late: Row[] = [['4/13/2020', 'Late Ltd', '1.00']];
    const file = simpleCsv([...ambiguousRows(60_000), ...late]);
    const expected = expectedFrom(await readLedger(file));
    // act
    const { streamed, opens, events } = await record(file);
    const twice = await stream(file, 65_536, {}, 0);
    // assert
    expect(expected.summary.dateStyles).toMatchObject([{ style: 'n/n/yyyy', order: 'MDY' }]);
    expect(streamed).toEqual(expected);
    expect(twice).toEqual(expected);
    expect(opens).toBe(2);
    expect(events).not.toContain('discard');
  });

  it('throws LedgerSourceChangedError when the bytes of the second read differ from the first', async () => {
    // prepare: the first read gives 3,000 lines, then holds more than it may; the second read sees a changed file
    const rows = [
      ...goodRows(3000),
      ...ambiguousRows(60_000, '-'),
      ['13-04-2020', 'Late Ltd', '1.00'] as Row,
    ];
    const first = simpleCsv(rows).bytes;
    const changed = simpleCsv(rows.map(([date, supplier]) => [date, supplier, '2.00'] as Row)).bytes;
    let opens = 0;
    const given: LedgerLine[] = [];
    // act
    const reading = readLedgerStream(
      'moving.csv',
      () => chunksOf(opens++ === 0 ? first : changed, 65_536),
      collect(given),
    );
    // assert
    await expect(reading).rejects.toThrow(LedgerSourceChangedError);
    expect(opens).toBe(2);
    expect(given.length).toBeGreaterThanOrEqual(3000);
  });

  it('gives the rest from a second read, past the lines already given, when a new date style stays undecided too long', async () => {
    // prepare: 3,000 day-first lines, then 60,000 lines of another style with nothing above 12, then a 13th
    const file = simpleCsv([
      ...goodRows(3000),
      ...ambiguousRows(60_000, '-'),
      ['13-04-2020', 'Late Ltd', '1.00'],
    ]);
    const expected = expectedFrom(await readLedger(file));
    // act
    const { streamed, opens, givenEarly } = await record(file);
    // assert
    expect(streamed).toEqual(expected);
    expect(opens).toBe(2);
    expect(givenEarly).toBeGreaterThanOrEqual(2000);
    expect(new Set(streamed.lines.map((line) => line.line)).size).toBe(streamed.lines.length);
  });

  it('leaves out a mistyped future date at the start or the end, as readLedger does', async () => {
    for (const rows of [
      [['13/04/2099', 'Typo Ltd', '1.00'] as Row, ...goodRows(20_000)],
      [...goodRows(20_000), ['13/04/2099', 'Typo Ltd', '1.00'] as Row],
    ]) {
      // prepare
      const file = simpleCsv(rows);
      const expected = expectedFrom(await readLedger(file));
      // act
      const { streamed } = await record(file);
      const overflowing = await stream(file, 4096, {}, { held: 100_000, firstBatch: 0, workbookHeld: 0 });
      // assert
      expect(expected.lines).toHaveLength(20_000);
      expect(expected.summary.issues.map((issue) => issue.value)).toEqual(['13/04/2099']);
      expect(streamed).toEqual(expected);
      expect(overflowing).toEqual(expected);
    }
  });

  it('discards the lines it gave when the file, read to its end, has too many bad lines', async () => {
    // prepare: 20,000 good lines, then 2,000 amounts nobody can read (9%, over the 5% allowed)
    const bad = goodRows(2000).map(([date, supplier]) => [date, supplier, 'TBC'] as Row);
    const file = simpleCsv([...goodRows(20_000), ...bad]);
    const expected = expectedFrom(await readLedger(file));
    // act
    const { streamed, events, givenEarly } = await record(file);
    // assert
    expect(expected.summary.status).toBe('rejected');
    expect(streamed).toEqual(expected);
    expect(streamed.summary).toMatchObject({ rowCount: 0, total: 0, monthCounts: {}, monthTotals: {} });
    expect(givenEarly).toBeGreaterThan(15_000);
    expect(events.at(-1)).toBe('discard');
    expect(events.filter((event) => event === 'discard')).toHaveLength(1);
  });

  it('discards the lines it gave when the dates turn out to disagree on their order', async () => {
    // prepare
    const file = simpleCsv([...goodRows(20_000), ['4/30/2020', 'Other Ltd', '1.00']]);
    // act
    const { streamed, events } = await record(file);
    // assert
    expect(streamed).toEqual(expectedFrom(await readLedger(file)));
    expect(streamed.summary.status).toBe('rejected');
    expect(events.at(-1)).toBe('discard');
  });

  it('gives nothing for a small file that is then rejected', async () => {
    // prepare
    const bad = goodRows(10).map(([date, supplier]) => [date, supplier, 'n/a'] as Row);
    const file = simpleCsv([...goodRows(100), ...bad]);
    // act
    const { streamed, events } = await record(file, {}, 16);
    // assert
    expect(streamed.summary.status).toBe('rejected');
    expect(events).toEqual([]);
  });

  it('discards what it gave and starts again when a late byte shows the file is Windows-1252', async () => {
    // prepare
    const file = {
      name: 'late-1252.csv',
      bytes: Uint8Array.from([
        ...simpleCsv(goodRows(20_000)).bytes,
        ...encodeWindows1252('30/04/2020,Café – Bar,"£9.99"\r\n'),
      ]),
    };
    const expected = expectedFrom(await readLedger(file));
    // act
    const { streamed, events, opens } = await record(file);
    // assert
    expect(streamed).toEqual(expected);
    expect(streamed.summary).toMatchObject({ encoding: 'windows-1252', rowCount: 20_001 });
    expect(events.filter((event) => event === 'discard')).toHaveLength(1);
    expect(opens).toBe(2);
  });
});

describe('readLedgerStream in one read decides as the two reads did', () => {
  const day = fc.integer({ min: 1, max: 28 });
  const month = fc.integer({ min: 1, max: 12 });
  const year = fc.oneof(
    { weight: 8, arbitrary: fc.constant(2020) },
    { weight: 1, arbitrary: fc.constantFrom(2019, 2021, 2023, 2099) },
  );
  type Order = 'DMY' | 'MDY';
  /** A row, once the file's day/month order for each numeric style is known. */
  type RowOf = (orders: { slash: Order; dash: Order }) => Row;
  const numeric = (d: number, m: number, order: Order, separator: string, y: number | string) =>
    order === 'DMY' ? `${d}${separator}${m}${separator}${y}` : `${m}${separator}${d}${separator}${y}`;
  const date = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(day, month, year).map(
        ([d, m, y]) =>
          (orders: { slash: Order }) =>
            numeric(d, m, orders.slash, '/', y),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(day, month).map(
        ([d, m]) =>
          (orders: { dash: Order }) =>
            numeric(d, m, orders.dash, '-', 2020),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(day, month, year).map(
        ([d, m, y]) =>
          () =>
            `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('31/02/2020', '2/31/2020', '30/13/2020', '13/4/2020', '4/13/2020', 'yesterday', '')
        .map((text) => () => text),
    },
  );
  const row = fc.oneof(
    {
      weight: 20,
      arbitrary: fc
        .tuple(
          date,
          fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom('Acme Ltd', 'Beta, Gamma & Co', 'REDACTED') },
            { weight: 1, arbitrary: fc.constantFrom('', 'Total') },
          ),
          fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom('1.00', '£1,234.56', '(5.00)') },
            { weight: 1, arbitrary: fc.constant('n/a') },
          ),
        )
        .map(
          ([dateOf, supplier, amount]): RowOf =>
            (orders) => [dateOf(orders), supplier, amount],
        ),
    },
    { weight: 1, arbitrary: fc.constant<RowOf>(() => ['', '', '']) },
    { weight: 1, arbitrary: fc.constant<RowOf>(() => ['Date', 'Supplier', 'Amount']) },
  );
  /**
   * Files whose numeric styles each keep one day/month order (or mostly: a few dates contradict it), in
   * runs of one row, so that a file holds many undecided dates in a row, or few lines in a far month.
   */
  const rows = fc
    .record({
      slash: fc.constantFrom<Order>('DMY', 'MDY'),
      dash: fc.constantFrom<Order>('DMY', 'MDY'),
      runs: fc.array(fc.tuple(row, fc.integer({ min: 1, max: 40 })), { maxLength: 30 }),
    })
    .map(({ slash, dash, runs }) =>
      runs.flatMap(([rowOf, times]) => Array.from({ length: times }, () => rowOf({ slash, dash }))),
    );
  const limits = fc.record({
    held: fc.constantFrom(0, 500, 3000, 20_000, Number.POSITIVE_INFINITY),
    firstBatch: fc.constantFrom(0, 1000, 10_000),
    workbookHeld: fc.constant(0),
  });
  const options = fc.constantFrom<ReadLedgerOptions>(
    {},
    { dateOrder: 'DMY' },
    { dateOrder: 'MDY' },
    { maxBadShare: 0.5 },
    { maxBadShare: 1 },
  );

  it('gives the same lines and summary as readLedger and as two reads, in any chunks, holding any amount', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        limits,
        options,
        fc.integer({ min: 1, max: 300 }),
        async (generated, held: HeldLines, opts, chunkSize) => {
          const file = simpleCsv(generated);
          const expected = expectedFrom(await readLedger(file, opts));
          const twice = await stream(file, chunkSize, opts, 0);
          const once = await stream(file, chunkSize, opts, held);
          expect(twice).toEqual(expected);
          expect(once).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds the sink to the contract: at the end, the lines given and not discarded are the accepted lines', async () => {
    await fc.assert(
      fc.asyncProperty(rows, limits, options, async (generated, held: HeldLines, opts) => {
        const file = simpleCsv(generated);
        const given: LedgerLine[] = [];
        let discards = 0;
        const summary = await readLedgerStreamHolding(
          held,
          file.name,
          () => chunksOf(file.bytes, 50),
          {
            lines: (lines) => {
              given.push(...lines);
            },
            discard: () => {
              discards++;
              given.length = 0;
            },
          },
          opts,
        );
        expect(summary.rowCount).toBe(given.length);
        if (summary.status === 'rejected') expect(given).toEqual([]);
        expect(discards).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
