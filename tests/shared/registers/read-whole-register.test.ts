import { describe, expect, it } from 'vitest';
import {
  RegisterFormatError,
  readWholePostcodeLookup,
  readWholeRegister,
  STATUSES_COUNTED,
} from '../../../shared/registers/index.ts';

const FCA_HEADER =
  'Society Number,Society Suffix,Full Registation Number,Society Name,Registered As,Society Address,Registration Date,Deregistration Date,Registration Act,Standard Industrial Classification Code (SIC),Reporting Classification,Society Status\r\n';
const society = (n: number, status: string) =>
  `${n},R,${n}R,Society ${n} Limited,Community Benefit Society,"1 High Street, Dartford, DA1 1AA",12/06/1984,,Act 2014,35110,Energy,${status}\r\n`;

async function* chunks(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function failure(promise: Promise<unknown>): Promise<RegisterFormatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegisterFormatError) return error;
    throw error;
  }
  throw new Error('expected a RegisterFormatError');
}

describe('readWholeRegister', () => {
  it('counts every row and its status, holding none', async () => {
    const text = FCA_HEADER + society(1, 'Registered') + society(2, 'Cancelled') + society(3, 'Registered');
    const survey = await readWholeRegister('SocietyList.csv', 'fca-mutuals', chunks(text));
    expect(survey).toEqual({ rows: 3, lastLine: 4, statuses: { Cancelled: 1, Registered: 2 } });
  });

  it('counts statuses past the first few dozen distinct ones as (other)', async () => {
    let text = FCA_HEADER;
    for (let n = 1; n <= STATUSES_COUNTED + 5; n++) text += society(n, `Status ${n}`);
    const survey = await readWholeRegister('SocietyList.csv', 'fca-mutuals', chunks(text, 4096));
    expect(Object.keys(survey.statuses)).toHaveLength(STATUSES_COUNTED + 1);
    expect(survey.statuses['(other)']).toBe(5);
  });

  it('refuses binary junk after the rows, naming its line', async () => {
    const junk = Buffer.concat([
      Buffer.from(FCA_HEADER + society(1, 'Registered'), 'utf8'),
      Buffer.from([0x00, 0x01, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0xfe, 0xff]),
    ]);
    const error = await failure(readWholeRegister('SocietyList.csv', 'fca-mutuals', chunks(junk)));
    // Line 3 (a NUL and a control character) is still UTF-8; the first byte that is not is on line 4.
    expect(error.line).toBe(4);
    expect(error.problem).toMatch(/not UTF-8/);
  });

  it('refuses a file with a header and no rows as cut short', async () => {
    const error = await failure(readWholeRegister('SocietyList.csv', 'fca-mutuals', chunks(FCA_HEADER)));
    expect(error.problem).toMatch(/header but no rows/);
  });
});

describe('readWholePostcodeLookup', () => {
  const HEADER = 'pcds,laua\n';

  it('counts the postcodes and finds the columns', async () => {
    const survey = await readWholePostcodeLookup(
      'NSPL.csv',
      chunks(`${HEADER}"ME14 1XX",E07000110\n"DA1 1AA",E07000107\n`),
    );
    expect(survey).toEqual({ rows: 2, lastLine: 3, columns: { postcode: 'pcds', district: 'laua' } });
  });

  it('refuses a file cut short inside a quote, as the report’s reader would', async () => {
    const error = await failure(
      readWholePostcodeLookup('NSPL.csv', chunks(`${HEADER}"ME14 1XX",E07000110\n"DA1 1`)),
    );
    expect(error.problem).toMatch(/never closed/);
    expect(error.line).toBe(3);
  });

  it('refuses a stray quote the report’s reader would refuse', async () => {
    const error = await failure(
      readWholePostcodeLookup('NSPL.csv', chunks(`${HEADER}ME14 1"XX,E07000110\n`)),
    );
    expect(error.line).toBe(2);
  });
});
