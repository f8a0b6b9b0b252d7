import { describe, expect, it } from 'vitest';
import { kentAndMedway } from '../../../shared/classify/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import type { RegisterExtract, RegisterSource } from '../../../shared/registers/index.ts';
import {
  buildReport,
  describeOutdatedRegister,
  findOutdatedRegisters,
} from '../../../shared/report/build-report.ts';
import { REGISTER_MAX_AGE_MONTHS } from '../../../shared/report/definitions.ts';
import { renderWorkbook } from '../../../shared/report/render-workbook.ts';
import { SummarySchema, toSummaryJson } from '../../../shared/report/summary-json.ts';
import { ledgerFile, line } from './helpers.ts';
import { readXlsx, tableUnder } from './read-xlsx.ts';

const source = (file: string, register: RegisterSource['register'], dates: Partial<RegisterSource>) => ({
  file,
  register,
  rowsRead: 10,
  rowsKept: 2,
  ...dates,
});

const COMPANIES = source('BasicCompanyData-2025-07-01.csv', 'companies-house', {
  dated: '2025-07-01',
  datedFrom: 'file-name',
});
/** 2026-06-30 is four months before 2026-10, by month, though barely more than three by day. */
const CHARITIES = source('publicextract.charity.txt', 'charity-commission', {
  dated: '2026-06-30',
  datedFrom: 'date_of_extract',
});
/** Three months before 2026-10: current enough. */
const OSCR = source('CharityExport-01-Jul-2026.csv', 'oscr', { dated: '2026-07-01', datedFrom: 'file-name' });
/** The FCA file carries no date; its file date is what there is. */
const SOCIETIES = source('SocietyList.csv', 'fca-mutuals', { modified: '2026-09-14' });

function reportWith(sources: RegisterSource[], reportMonth = '2026-10') {
  const extract: RegisterExtract = {
    schemaVersion: 1,
    kind: 'socval-register-extract',
    wanted: { companyNumbers: [], charityNumbers: [], names: [], places: [] },
    sources,
    companies: [],
    charities: [],
    scottishCharities: [],
    societies: [],
  };
  return buildReport(
    [ledgerFile('2026-10 payments.csv', [line('2026-10-05', 1_200_00, 'Acme Ltd')])],
    undefined,
    {
      firstYear: parseFinancialYear('2026/27'),
      reportMonth,
      classification: {
        locality: kentAndMedway,
        smeDefinition: 'procurement-act-2023',
        eurToGbp: 0.85,
        registers: extract,
      },
    },
  );
}

describe('registers out of date for the report month', () => {
  it('keeps the limit at three months', () => {
    expect(REGISTER_MAX_AGE_MONTHS).toBe(3);
  });

  it('warns of a register four months before the report month, not of one three months before', () => {
    const outdated = findOutdatedRegisters([CHARITIES, OSCR], '2026-10');

    expect(outdated).toEqual([
      {
        file: 'publicextract.charity.txt',
        register: 'charity-commission',
        dated: '2026-06-30',
        datedFrom: 'date_of_extract',
        monthsOld: 4,
      },
    ]);
  });

  it('does not warn of a register newer than the report month', () => {
    expect(findOutdatedRegisters([COMPANIES], '2024-05')).toEqual([]);
    expect(findOutdatedRegisters([COMPANIES], '2025-07')).toEqual([]);
  });

  it('warns of a register with no date at all that its edition is unknown', () => {
    const undated = source('SocietyList.csv', 'fca-mutuals', {});

    const outdated = findOutdatedRegisters([undated], '2026-10');

    expect(outdated).toEqual([{ file: 'SocietyList.csv', register: 'fca-mutuals' }]);
    expect(describeOutdatedRegister({ file: 'SocietyList.csv', register: 'fca-mutuals' }, '2026-10')).toBe(
      'The FCA mutuals register file SocietyList.csv carries no date of its own and no file date was given, so whether it ' +
        'is current for the report month 2026-10 is unknown: bodies formed, dissolved or re-filed since it was ' +
        'published are not seen. Make sure it is the current edition.',
    );
  });

  it('takes the file date of a register that has none of its own, and its own date over the file date', () => {
    const oldFile = source('SocietyList.csv', 'fca-mutuals', { modified: '2026-01-20' });
    const ownDateWins = { ...COMPANIES, modified: '2026-10-02' };

    const outdated = findOutdatedRegisters([SOCIETIES, oldFile, ownDateWins], '2026-10');

    expect(outdated).toEqual([
      {
        file: 'SocietyList.csv',
        register: 'fca-mutuals',
        dated: '2026-01-20',
        datedFrom: 'modified',
        monthsOld: 9,
      },
      {
        file: 'BasicCompanyData-2025-07-01.csv',
        register: 'companies-house',
        dated: '2025-07-01',
        datedFrom: 'file-name',
        monthsOld: 15,
      },
    ]);
    const [societies] = outdated;
    if (societies === undefined) throw new Error('the FCA file is not listed');
    expect(describeOutdatedRegister(societies, '2026-10')).toBe(
      'The FCA mutuals register file SocietyList.csv carries no date of its own; its file is dated 2026-01-20, 9 months ' +
        'before the report month 2026-10: bodies formed, dissolved or re-filed since are not seen. ' +
        'Download the current edition and run again.',
    );
  });

  it('puts the outdated registers on the report, and the limit in its definitions', () => {
    const report = reportWith([COMPANIES, CHARITIES, OSCR, SOCIETIES]);

    expect(report.registers?.outdated?.map((o) => [o.file, o.monthsOld])).toEqual([
      ['BasicCompanyData-2025-07-01.csv', 15],
      ['publicextract.charity.txt', 4],
    ]);
    expect(report.definitions.registers).toContain('more than 3 months before the report month');
  });

  it('says in summary.json which register is how old, and what to do', () => {
    const summary = SummarySchema.parse(toSummaryJson(reportWith([COMPANIES, OSCR, SOCIETIES])));

    expect(summary.registers?.outdated).toEqual([
      {
        file: 'BasicCompanyData-2025-07-01.csv',
        register: 'companies-house',
        dated: '2025-07-01',
        datedFrom: 'file-name',
        monthsOld: 15,
        warning:
          'The Companies House file BasicCompanyData-2025-07-01.csv is of 2025-07-01, 15 months before the report month ' +
          '2026-10: bodies formed, dissolved or re-filed since are not seen. Download the current edition and run again.',
      },
    ]);
    expect(summary.registers?.sources).toHaveLength(3);
  });

  it('writes an empty list to summary.json when every register is current', () => {
    const summary = SummarySchema.parse(toSummaryJson(reportWith([OSCR, SOCIETIES])));

    expect(summary.registers?.outdated).toEqual([]);
  });

  it('lists the outdated and undated registers on the Data quality sheet, read back without exceljs', async () => {
    const undated = source('SocietyList.csv', 'fca-mutuals', {});
    const report = reportWith([COMPANIES, OSCR, undated]);

    const sheet = readXlsx(await renderWorkbook(report)).sheet('Data quality');

    expect(tableUnder(sheet, 'Line')).toEqual([
      [
        null,
        'BasicCompanyData-2025-07-01.csv',
        'register out of date',
        null,
        '2025-07-01',
        'The Companies House file BasicCompanyData-2025-07-01.csv is of 2025-07-01, 15 months before the report month ' +
          '2026-10: bodies formed, dissolved or re-filed since are not seen. Download the current edition and run again.',
        null,
      ],
      [
        null,
        'SocietyList.csv',
        'register of unknown date',
        null,
        null,
        expect.stringMatching(/^The FCA mutuals register file SocietyList\.csv carries no date of its own/),
        null,
      ],
    ]);
    const heading = sheet.rows[sheet.rows.findIndex((row) => row[0] === 'Line') - 1]?.[0];
    expect(heading).toMatch(/and registers out of date: what to fix$/);
    expect(String(sheet.rows[1]?.[0])).toMatch(/then 2 problems with files/);
  });

  it('adds nothing to the Data quality sheet when every register is current', async () => {
    const sheet = readXlsx(await renderWorkbook(reportWith([OSCR, SOCIETIES]))).sheet('Data quality');

    expect(tableUnder(sheet, 'Line').map((row) => row[1])).toEqual([
      'None: every file was accepted and every line and cell read.',
    ]);
  });
});
