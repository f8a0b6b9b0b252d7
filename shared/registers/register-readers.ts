import type { IsoDate } from '../types.ts';
import { type CharityRecord, readCharityCommission } from './charity-commission.ts';
import { type CompanyRecord, readCompaniesHouse } from './companies-house.ts';
import type { RegisterKind } from './detect-register.ts';
import { readMutualSocieties, type SocietyRecord } from './fca-mutuals.ts';
import { readScottishCharities, type ScottishCharityRecord } from './oscr.ts';
import type { ReadRegisterOptions } from './register-text.ts';

/** The record each register's reader gives. */
export interface RegisterRecordOf {
  'companies-house': CompanyRecord;
  'charity-commission': CharityRecord;
  oscr: ScottishCharityRecord;
  'fca-mutuals': SocietyRecord;
}

/** A record of any of the registers. */
export type RegisterRecord = RegisterRecordOf[RegisterKind];

type RegisterReader<R> = (
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  options: ReadRegisterOptions<R>,
) => AsyncGenerator<R>;

const READERS: { [K in RegisterKind]: RegisterReader<RegisterRecordOf[K]> } = {
  'companies-house': readCompaniesHouse,
  'charity-commission': readCharityCommission,
  oscr: readScottishCharities,
  'fca-mutuals': readMutualSocieties,
};

/**
 * Reads a register download with its own reader, keeping the records `keep` returns true for;
 * `keep` sees every record read.
 *
 * @throws RegisterFormatError from the reader when the file is not the register it is given as.
 * @example
 * for await (const society of readRegisterRecords('fca-mutuals', name, bytes, (s) => wanted.has(s.nameKey))) {
 *   kept.push(society);
 * }
 */
export function readRegisterRecords<K extends RegisterKind>(
  kind: K,
  file: string,
  bytes: AsyncIterable<Uint8Array>,
  keep: (record: RegisterRecordOf[K]) => boolean,
): AsyncGenerator<RegisterRecordOf[K]> {
  return READERS[kind](file, bytes, { keep });
}

/** The `date_of_extract` a record carries: only the Charity Commission's rows have one. */
export function extractDateOf(record: RegisterRecord): IsoDate | undefined {
  return 'extractDate' in record ? record.extractDate : undefined;
}
