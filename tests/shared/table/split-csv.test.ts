import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineEndNormaliser } from '../../../shared/table/csv-rows.ts';
import {
  type CsvProblem,
  type CsvRow,
  CsvSplitter,
  type CsvSplitterOptions,
} from '../../../shared/table/split-csv.ts';

interface Split {
  rows: CsvRow[];
  problem?: { kind: CsvProblem; line: number };
}

const countNewlines = (fields: string[]) =>
  fields.reduce((sum, field) => sum + field.split('\n').length - 1, 0);

/**
 * csv-parse over the whole text (line ends made `\n`) with the options the ledger reader gave it, each
 * record numbered by the line it starts on; when it fails, the records before and the line of the
 * record it failed on.
 */
function csvParse(text: string, delimiter: string, maxRecord: number): Split {
  const rows: CsvRow[] = [];
  let line = 1;
  try {
    parse(text.replace(/\r\n?/g, '\n'), {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: maxRecord,
      on_record: (fields: string[]) => {
        rows.push({ line, fields });
        line += 1 + countNewlines(fields);
        return fields;
      },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') return { rows, problem: { kind: 'quote-not-closed', line } };
    if (code === 'CSV_MAX_RECORD_SIZE') return { rows, problem: { kind: 'record-too-long', line } };
    throw error;
  }
  return { rows };
}

/**
 * The splitter fed the text cut at `cuts` (chunk lengths; the rest is the last chunk), its line ends
 * made `\n` chunk by chunk as the ledger and register readers do.
 */
function split(
  text: string,
  delimiter: string,
  maxRecord: number,
  cuts: readonly number[] = [],
  options: CsvSplitterOptions = {},
): Split {
  const splitter = new CsvSplitter(delimiter, maxRecord, options);
  const lineEnds = new LineEndNormaliser();
  const rows: CsvRow[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    rows.push(...splitter.write(lineEnds.normalise(text.slice(at, at + cut))));
    at += cut;
  }
  rows.push(...splitter.write(lineEnds.end()));
  rows.push(...splitter.end());
  return splitter.problem === undefined
    ? { rows }
    : { rows, problem: { kind: splitter.problem, line: splitter.nextLine } };
}

const text = fc.string({
  unit: fc.constantFrom('a', 'é', '😀', ' ', '£', '"', '"', ',', ',', ';', ';', '\t', '\n', '\n', '\r'),
  maxLength: 100,
});
const delimiter = fc.constantFrom(',', ';', '\t');
const cuts = fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 12 });
/** Limits small enough for records to pass them, and csv-parse's own byte-and-character counting to show. */
const maxRecord = fc.oneof(fc.constant(1_000_000), fc.integer({ min: 1, max: 40 }));

describe('splitting CSV text', () => {
  it('gives the records csv-parse gives, and fails where it fails, on the same line', () => {
    fc.assert(
      fc.property(text, delimiter, maxRecord, (input, delimiter, maxRecord) => {
        expect(split(input, delimiter, maxRecord)).toEqual(csvParse(input, delimiter, maxRecord));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same whatever the chunks the text arrives in', () => {
    fc.assert(
      fc.property(text, delimiter, maxRecord, cuts, (input, delimiter, maxRecord, cuts) => {
        expect(split(input, delimiter, maxRecord, cuts)).toEqual(csvParse(input, delimiter, maxRecord));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same with its fields pieces of a copy of their line (linePieces)', () => {
    // Long words too: a piece of 13 characters or more is a view of the line, a shorter one a copy.
    const withWords = fc.string({
      unit: fc.constantFrom(
        'a',
        '£',
        '"',
        ',',
        ';',
        '\n',
        '\r',
        'Department of Health',
        'Bench Valley NHS Trust',
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.oneof(text, withWords),
        delimiter,
        maxRecord,
        cuts,
        (input, delimiter, maxRecord, cuts) => {
          expect(split(input, delimiter, maxRecord, cuts, { linePieces: true })).toEqual(
            csvParse(input, delimiter, maxRecord),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a quoted field across lines and chunks, and numbers the next record after it', () => {
    const input = 'Supplier;Amount\n"Acme;\nLtd";"£1,234.56"\n"Bolt ""B"" Ltd";12\n';
    const expected = [
      { line: 1, fields: ['Supplier', 'Amount'] },
      { line: 2, fields: ['Acme;\nLtd', '£1,234.56'] },
      { line: 4, fields: ['Bolt "B" Ltd', '12'] },
    ];
    expect(split(input, ';', 1000)).toEqual({ rows: expected });
    expect(split(input, ';', 1000, [19, 1, 1, 7])).toEqual({ rows: expected });
  });

  it('keeps a stray quote as written', () => {
    expect(split('a "b" c,"d"e\n', ',', 1000).rows).toEqual([{ line: 1, fields: ['a "b" c', '"d"e'] }]);
  });

  it('names the line a never-closing quote opens its record on, after the records before it', () => {
    expect(split('a,b\n"c,d\ne\n', ',', 1000, [3])).toEqual({
      rows: [{ line: 1, fields: ['a', 'b'] }],
      problem: { kind: 'quote-not-closed', line: 2 },
    });
  });

  it('names the line of the unclosed quote even when it is the last character', () => {
    expect(split('x,y\na\n"', ',', 1000)).toEqual({
      rows: [
        { line: 1, fields: ['x', 'y'] },
        { line: 2, fields: ['a'] },
      ],
      problem: { kind: 'quote-not-closed', line: 3 },
    });
  });

  it('refuses a record longer than the limit as soon as it has read that much', () => {
    const splitter = new CsvSplitter(',', 100);
    expect(splitter.write('a,b\n"open')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(splitter.write('x'.repeat(100))).toEqual([]);
    expect([splitter.problem, splitter.nextLine]).toEqual(['record-too-long', 2]);
    expect(splitter.write('"\nc\n')).toEqual([]);
  });

  it('takes only a one-character delimiter that is not a quote or a line end', () => {
    for (const bad of ['', ',,', '"', '\n', '\r']) expect(() => new CsvSplitter(bad, 10)).toThrow(RangeError);
  });
});

describe('making line ends \\n', () => {
  it('turns every \\r\\n and lone \\r into \\n, however the text is cut into chunks', () => {
    const lineText = fc.string({ unit: fc.constantFrom('a', '£', '\r', '\r', '\n', '\n', ',') });
    fc.assert(
      fc.property(lineText, cuts, (input, cuts) => {
        const lineEnds = new LineEndNormaliser();
        let at = 0;
        let output = '';
        for (const cut of [...cuts, input.length]) {
          output += lineEnds.normalise(input.slice(at, at + cut));
          at += cut;
        }
        output += lineEnds.end();
        expect(output).toBe(input.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 3000 },
    );
  });
});
