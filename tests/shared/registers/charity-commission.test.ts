import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHARITY_COMMISSION,
  type CharityRecord,
  RegisterFormatError,
  readCharityCommission,
  TabRows,
} from '../../../shared/registers/index.ts';
import { splitTextLines } from '../../../shared/registers/register-text.ts';
import { CHUNK_SIZES, chunksOf, collect, fixture, rejection, utf8 } from './helpers.ts';

const FILE = 'publicextract.charity.txt';
const bytes = fixture(FILE);
const text = new TextDecoder().decode(bytes);
const [headerLine = ''] = text.split('\r\n');
const header = headerLine.split('\t');

const read = (data: Uint8Array | string, chunkSize = 64 * 1024) =>
  collect(readCharityCommission(FILE, chunksOf(typeof data === 'string' ? utf8(data) : data, chunkSize)));

/** A row of the extract with the given columns set and the rest blank (dates and numbers valid). */
function row(values: Record<string, string>): string {
  const defaults: Record<string, string> = {
    date_of_extract: '2025-07-01 00:00:00',
    organisation_number: '9000001',
    registered_charity_number: '1190001',
    linked_charity_number: '0',
    charity_name: 'TEST CHARITY',
    charity_registration_status: 'Registered',
  };
  return header.map((column) => values[column] ?? defaults[column] ?? '').join('\t');
}

describe('reading the Charity Commission register extract', () => {
  it('reads every row, main and linked charities alike, with the fields matching needs', async () => {
    const charities = await read(bytes);
    expect(charities).toHaveLength(9);
    expect(charities.slice(0, 2)).toEqual([
      {
        line: 2,
        extractDate: '2025-07-01',
        organisationNumber: 5012345,
        charityNumber: '1123456',
        linkedCharityNumber: 0,
        name: 'HEART OF KENT HOSPICE CARE',
        nameKey: 'heart of kent hospice care',
        charityType: 'Charitable company',
        registrationStatus: 'Registered',
        registrationDate: '2007-05-14',
        latestIncome: 250_000_000,
        postcode: 'ME20 7PU',
        companyNumber: '03123456',
        isCio: false,
      },
      {
        line: 3,
        extractDate: '2025-07-01',
        organisationNumber: 5012346,
        charityNumber: '1123456',
        linkedCharityNumber: 1,
        name: 'HEART OF KENT HOSPICE CARE SHOP FUND',
        nameKey: 'heart of kent hospice care shop fund',
        registrationStatus: 'Registered',
        registrationDate: '2008-01-10',
        isCio: false,
      },
    ] satisfies CharityRecord[]);
  });

  it('joins rows broken by stray line breaks, numbering each by the line it starts on', async () => {
    const charities = await read(bytes);
    expect(charities.map((charity) => [charity.line, charity.charityNumber, charity.name])).toEqual([
      [2, '1123456', 'HEART OF KENT HOSPICE CARE'],
      [3, '1123456', 'HEART OF KENT HOSPICE CARE SHOP FUND'],
      [4, '1187654', 'MEDWAY YOUTH MUSIC'],
      [6, '250123', 'ASHFORD DAY CENTRE'],
      [7, '1099887', 'SWALE FOOD BANK AND COMMUNITY PANTRY'],
      [12, '1056789', 'NATIONAL HEALTH RESEARCH FOUNDATION'],
      [13, '1160001', 'KENT COUNTRYSIDE VOLUNTEERS'],
      [14, '1170002', 'DOVER SEAFARERS WELFARE CIO'],
      [15, '1180003', 'CAFÉ CONNECT CANTERBURY'],
    ]);
    expect(charities[2]).toMatchObject({ isCio: true, cioIsDissolved: false, latestIncome: 4_800_000 });
    expect(charities[4]).toMatchObject({ postcode: 'ME10 3RN', latestIncome: 31_050_000 });
  });

  it('reads removed charities, large incomes and company numbers written without leading zeros', async () => {
    const charities = await read(bytes);
    expect(charities[3]).toMatchObject({
      registrationStatus: 'Removed',
      registrationDate: '1963-02-01',
      removalDate: '2016-08-30',
    });
    expect(charities[5]).toMatchObject({ latestIncome: 6_125_000_000, companyNumber: '03300123' });
    expect(charities[6]?.latestIncome).toBe(0);
  });

  it('reads the same rows whatever the chunk size, with a BOM, and with LF line ends', async () => {
    const expected = await read(bytes);
    for (const size of CHUNK_SIZES) expect(await read(bytes, size)).toEqual(expected);
    expect(await read(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), 7)).toEqual(expected);
    expect(await read(text.replaceAll('\r\n', '\n'), 7)).toEqual(expected);
  });

  it('keeps only the rows the caller asks for', async () => {
    const main = await collect(
      readCharityCommission(FILE, chunksOf(bytes, 50), {
        keep: (charity) => charity.linkedCharityNumber === 0 && charity.registrationStatus === 'Registered',
      }),
    );
    expect(main.map((charity) => charity.charityNumber)).toEqual([
      '1123456',
      '1187654',
      '1099887',
      '1056789',
      '1160001',
      '1180003',
    ]);
  });

  it('finds columns by name, not position', async () => {
    const reversed = [headerLine, row({ charity_name: 'REVERSED', charity_is_cio: 'True' })]
      .map((line) => line.split('\t').reverse().join('\t'))
      .join('\r\n');
    const [charity] = await read(`${reversed}\r\n`);
    expect(charity).toMatchObject({ name: 'REVERSED', isCio: true, charityNumber: '1190001' });
  });
});

describe('where a row broken by line breaks ends', () => {
  // The last column is free text here, so a break inside it can only be told by the line after.
  const activitiesLast = [
    ...header.filter((column) => column !== 'charity_activities'),
    'charity_activities',
  ];
  const rowLast = (values: Record<string, string>) =>
    activitiesLast
      .map((column) => values[column] ?? row(values).split('\t')[header.indexOf(column)])
      .join('\t');

  const rowsOf = async (lines: string[], columns = header) => {
    const rows = new TabRows(FILE, columns);
    const out = [];
    for await (const line of splitTextLines(FILE, stringChunks(lines.join('\r\n')), CHARITY_COMMISSION)) {
      if (line.line === 1) continue;
      const done = rows.push(line);
      if (done) out.push(done);
    }
    const last = rows.end();
    if (last) out.push(last);
    return out;
  };

  it('takes a line that does not start with a date as the rest of the last field', async () => {
    const rows = await rowsOf(
      [
        activitiesLast.join('\t'),
        rowLast({ charity_name: 'A', charity_activities: 'RUNS A' }),
        'LUNCH CLUB',
        '',
        'AND A CRÈCHE',
        rowLast({ charity_name: 'B', charity_activities: 'LAST' }),
        '',
      ],
      activitiesLast,
    );
    expect(rows.map((r) => [r.line, r.fields.at(-1)])).toEqual([
      [2, 'RUNS A\nLUNCH CLUB\n\nAND A CRÈCHE'],
      [6, 'LAST'],
    ]);
  });

  it('ends a complete row at blank lines followed by a new row, or by the end of the file', async () => {
    const rows = await rowsOf([
      headerLine,
      row({ charity_name: 'A' }),
      '',
      '',
      row({ charity_name: 'B' }),
      '',
      '',
    ]);
    expect(rows.map((r) => [r.line, r.fields[header.indexOf('charity_name')]])).toEqual([
      [2, 'A'],
      [5, 'B'],
    ]);
  });

  it('joins the next line to a row still short of fields, even one starting with a date', async () => {
    const broken = row({ charity_name: 'REGISTERED ON', charity_activities: 'SINCE' }).replace(
      'REGISTERED ON\t',
      'REGISTERED ON\r\n2001-01-01\t',
    );
    const [charity] = await read(`${headerLine}\r\n${broken}\r\n`);
    expect(charity).toMatchObject({ line: 2, name: 'REGISTERED ON 2001-01-01' });
  });

  it('refuses a row cut short that the next row cannot complete, naming the short row', async () => {
    const short = row({}).split('\t').slice(0, 10).join('\t');
    const error = await rejection(
      readCharityCommission(FILE, chunksOf(utf8([headerLine, short, row({})].join('\r\n')), 9)),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error).toMatchObject({ line: 2 });
    expect(error.message).toMatch(
      /line 2: this row has 10 of the header's 34 fields, and joining line 3 to it would give 43/,
    );
  });

  it('refuses a row with more fields than the header (a tab inside a field)', async () => {
    const tabbed = row({ charity_name: 'TABS\tINSIDE' });
    const error = await rejection(
      readCharityCommission(FILE, chunksOf(utf8(`${headerLine}\r\n${tabbed}\r\n`), 9)),
    );
    expect(error.message).toMatch(/line 2: this row has 35 fields where the header has 34/);
  });

  it('refuses a file that ends inside a row', async () => {
    const cut = row({}).split('\t').slice(0, 20).join('\t');
    const error = await rejection(
      readCharityCommission(FILE, chunksOf(utf8(`${headerLine}\r\n${row({})}\r\n${cut}`), 9)),
    );
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toMatch(/the file ends inside this row, which has 20 of the header's 34 fields/);
  });

  it('refuses a line that neither starts a row nor can continue the last field', async () => {
    const error = await rejection(
      readCharityCommission(
        FILE,
        chunksOf(utf8(`${headerLine}\r\n${row({})}\r\nnot a date\tbut tabs\r\n`), 9),
      ),
    );
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toMatch(
      /this line neither starts a row \(its first field "not a date" is not like date_of_extract values\)/,
    );
  });

  it('splits any rows, broken anywhere by line breaks and fed in any chunks, back into their fields', async () => {
    const width = 5;
    const columns = ['date_of_extract', 'b', 'c', 'd', 'e'];
    const field = fc
      .array(fc.constantFrom('a', 'B', ' ', 'é', '\r\n', '\n'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const rowArb = fc.tuple(
      fc.constantFrom('2025-07-01', '2025-07-01 00:00:00'),
      fc.array(field, { minLength: width - 1, maxLength: width - 1 }),
      fc.nat(2),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        async (rows, size) => {
          // prepare
          const lines = [columns.join('\t')];
          for (const [date, rest, blanksAfter] of rows)
            lines.push([date, ...rest].join('\t'), ...Array(blanksAfter).fill(''));
          const body = `${lines.join('\r\n')}\r\n`;
          // act
          const tab = new TabRows(FILE, columns);
          const read = [];
          let first = true;
          for await (const line of splitTextLines(FILE, stringChunks(body, size), CHARITY_COMMISSION)) {
            if (first) {
              first = false;
              continue;
            }
            const done = tab.push(line);
            if (done) read.push(done.fields);
          }
          const last = tab.end();
          if (last) read.push(last.fields);
          // assert: line breaks come back as \n; blank lines ending the last field cannot be told from
          // blank lines between rows, and are dropped
          const expected = rows.map(([date, rest]) =>
            [date, ...rest].map((value, i) => {
              const text = value.replaceAll('\r\n', '\n');
              return i === width - 1 ? text.replace(/(\n *)+$/, '') : text;
            }),
          );
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('refusing a file that is not the Charity Commission extract', () => {
  it('lists the missing columns and the columns it saw', async () => {
    const error = await rejection(
      readCharityCommission('SocietyList.csv', chunksOf(fixture('SocietyList.csv'), 100)),
    );
    expect(error).toBeInstanceOf(RegisterFormatError);
    expect(error.message).toMatch(
      /^SocietyList\.csv line 1: this is not the Charity Commission register extract publicextract\.charity\.txt: it has no column "date_of_extract", "organisation_number", "registered_charity_number", .*"cio_is_dissolved"; columns seen: "Society Number,Society Suffix,Full Registation Number,.*Society Status"\. Give publicextract\.charity\.txt/,
    );
  });

  it('refuses a charity number that is not one of England and Wales, naming the column', async () => {
    const error = await rejection(
      readCharityCommission(
        FILE,
        chunksOf(utf8(`${headerLine}\r\n${row({ registered_charity_number: 'SC012345' })}\r\n`), 64),
      ),
    );
    expect(error).toMatchObject({ line: 2, column: 'registered_charity_number' });
    expect(error.message).toMatch(/"SC012345" is not a charity number of England and Wales/);
  });

  it('refuses unreadable dates, incomes and yes/no values, naming the column', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ date_of_registration: '14th May 2007' }, 'date_of_registration'],
      [{ latest_income: 'about a million' }, 'latest_income'],
      [{ charity_is_cio: 'Perhaps' }, 'charity_is_cio'],
      [{ linked_charity_number: '-1' }, 'linked_charity_number'],
    ];
    for (const [values, column] of cases) {
      const error = await rejection(
        readCharityCommission(FILE, chunksOf(utf8(`${headerLine}\r\n${row(values)}\r\n`), 64)),
      );
      expect(error).toMatchObject({ name: 'RegisterFormatError', line: 2, column });
    }
  });

  it('refuses a first row that does not start with the extract date', async () => {
    const error = await rejection(
      readCharityCommission(FILE, chunksOf(utf8(`${headerLine}\r\nhello\r\n`), 64)),
    );
    expect(error.message).toMatch(
      /line 2: this line should start a row, but its first field "hello" is not like date_of_extract values/,
    );
  });

  it('throws only its own error, whatever follows the header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', '1', '\t', '\r\n', '-', ' ', '2025-07-01') }),
        async (body) => {
          try {
            await read(`${headerLine}\r\n${body}`, 5);
          } catch (error) {
            expect(error).toBeInstanceOf(RegisterFormatError);
          }
        },
      ),
    );
  });
});

async function* stringChunks(text: string, size = 7): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

describe('holding bounded memory on a file that is not the extract', () => {
  it('refuses a line that never ends, before holding all of it', async () => {
    let chunksRead = 0;
    async function* endlessLine(): AsyncGenerator<Uint8Array> {
      yield utf8(`${headerLine}\r\n`);
      for (let chunk = 0; chunk < 1000; chunk++) {
        chunksRead++;
        yield utf8('x'.repeat(64 * 1024));
      }
    }
    const error = await rejection(readCharityCommission(FILE, endlessLine()));
    expect(error.message).toMatch(/line 2: this line runs on for more than 1,000,000 characters/);
    expect(chunksRead).toBeLessThan(20);
  });

  it('refuses a row that never gathers its fields, before holding all of it', async () => {
    async function* shortLines(): AsyncGenerator<Uint8Array> {
      yield utf8(`${headerLine}\r\n2025-07-01\r\n`);
      for (let chunk = 0; chunk < 1000; chunk++) yield utf8('more\r\n'.repeat(100));
    }
    const error = await rejection(readCharityCommission(FILE, shortLines()));
    expect(error.message).toMatch(
      /line 2: this row goes on for more than 1000 lines \(to line 1002\) with 1 of the header's 34 fields/,
    );
  });
});

describe('blank lines after the last row', () => {
  it('ends the row after many blank lines without holding them all', async () => {
    const charities = await read(
      `${headerLine}\r\n${row({ charity_name: 'LAST' })}\r\n${'\r\n'.repeat(5000)}`,
      4096,
    );
    expect(charities.map((charity) => [charity.line, charity.name])).toEqual([[2, 'LAST']]);
  });
});
