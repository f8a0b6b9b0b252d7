import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRow, CsvSplitter } from '../../../shared/registers/split-csv.ts';

class SplitError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`line ${line}`);
    this.line = line;
  }
}

/** The splitter fed `text` in `size`-character chunks. */
function split(text: string, size: number, maxRecord = 1_000_000): CsvRow[] {
  const splitter = new CsvSplitter(maxRecord, (line) => new SplitError(line));
  const rows: CsvRow[] = [];
  for (let at = 0; at < text.length; at += size) rows.push(...splitter.write(text.slice(at, at + size)));
  rows.push(...splitter.end());
  return rows;
}

/** csv-parse over the whole text, each record numbered by the line it starts on. */
function csvParse(text: string): CsvRow[] {
  const records = parse(text, {
    delimiter: ',',
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let line = 1;
  return records.map(({ record }) => {
    const row = { line, fields: record };
    line += 1 + record.join('').split('\n').length - 1;
    return row;
  });
}

describe('splitting register CSV', () => {
  it('splits records as csv-parse does (relaxed quotes), whatever the chunks, and fails where it fails', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n'), maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (text, size) => {
          let expected: CsvRow[] | 'error';
          try {
            expected = csvParse(text);
          } catch {
            expected = 'error';
          }
          let actual: CsvRow[] | 'error';
          try {
            actual = split(text, size);
          } catch (error) {
            if (!(error instanceof SplitError)) throw error;
            actual = 'error';
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('names the line a never-closing quote opens its record on', () => {
    expect(() => split('a,b\n"c,d\ne\n', 3)).toThrow(new SplitError(2));
  });

  it('refuses a record longer than the limit as soon as it has read that much', () => {
    const splitter = new CsvSplitter(100, (line) => new SplitError(line));
    expect(splitter.write('a,b\n"open')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(() => splitter.write('x'.repeat(100))).toThrow(new SplitError(2));
  });
});
