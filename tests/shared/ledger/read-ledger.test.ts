import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../../shared/ledger/index.ts';
import { csvFile, encodeWindows1252, goodRows, simpleCsv, utf8, withBom, xlsxFile } from './build-files.ts';

describe('readLedger on a plain CSV', () => {
  it('reads each payment line into pence, an ISO date and the supplier, noting where each field came from', async () => {
    // prepare
    const file = csvFile([
      'Department Family,Entity,Date Paid,Expense Type,Expense Area,Supplier Name,Transaction Reference,amount',
      'Department of Health,Some Trust,02/04/2020,Building,Works,Bywest Ltd,1456945,"67,132.60"',
      'Department of Health,Some Trust,17/04/2020,Drugs,Pharmacy,Alloga UK Ltd,1456946,-85.00',
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger).toMatchObject({
      name: 'ledger.csv',
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      format: 'csv',
      encoding: 'utf-8',
      headerLine: 1,
      status: 'accepted',
      columns: {
        date: 'Date Paid',
        supplier: 'Supplier Name',
        amount: 'amount',
        transaction: 'Transaction Reference',
        expenseType: 'Expense Type',
        expenseArea: 'Expense Area',
      },
      issues: [],
      skipped: [],
    });
    expect(ledger.lines).toEqual([
      {
        file: 'ledger.csv',
        line: 2,
        date: '2020-04-02',
        supplier: 'Bywest Ltd',
        amount: 6713260,
        transaction: '1456945',
        expenseType: 'Building',
        expenseArea: 'Works',
        redacted: false,
      },
      {
        file: 'ledger.csv',
        line: 3,
        date: '2020-04-17',
        supplier: 'Alloga UK Ltd',
        amount: -8500,
        transaction: '1456946',
        expenseType: 'Drugs',
        expenseArea: 'Pharmacy',
        redacted: false,
      },
    ]);
    expect(ledger.dateStyles).toEqual([
      {
        style: 'n/n/yyyy',
        order: 'DMY',
        evidence: '"17/04/2020" on line 3 has a day above 12 in first place',
        lines: 2,
      },
    ]);
  });

  it('reads LF line endings, trailing blank lines and empty ",,,," rows, counting the blanks as skipped', async () => {
    const file = {
      name: 'lf.csv',
      bytes: utf8('Date,Supplier,Amount\n13/04/2020,Acme,1.00\n,,\n\n14/04/2020,Beta,2.00\n\n\n'),
    };
    const ledger = await readLedger(file);
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.line)).toEqual([2, 5]);
    expect(ledger.skipped).toEqual([
      { line: 3, reason: 'blank' },
      { line: 4, reason: 'blank' },
      { line: 6, reason: 'blank' },
      { line: 7, reason: 'blank' },
    ]);
  });

  it('keeps quoted commas and line breaks inside a supplier name, numbering lines as an editor does', async () => {
    const file = csvFile([
      'Date,Supplier,Amount',
      '13/04/2020,"Smith, Jones\r\n& Co",5.00',
      '14/04/2020,Beta,2.00',
    ]);
    const ledger = await readLedger(file);
    expect(ledger.lines.map((line) => [line.line, line.supplier])).toEqual([
      [2, 'Smith, Jones & Co'],
      [4, 'Beta'],
    ]);
  });

  it('trims text and strips the apostrophe Excel puts before forced text', async () => {
    const file = csvFile([
      'Date, Supplier ,Supplier ID, Amount ',
      " 13/04/2020 ,  Acme Ltd  ,'00123,' 1.00 ",
    ]);
    const ledger = await readLedger(file);
    expect(ledger.lines[0]).toMatchObject({
      supplier: 'Acme Ltd',
      supplierId: '00123',
      amount: 100,
      date: '2020-04-13',
    });
    expect(ledger.columns).toMatchObject({ supplier: 'Supplier', amount: 'Amount' });
  });
});

describe('readLedger encodings', () => {
  it('reads UTF-8 with a byte-order mark and finds the header in the first cell', async () => {
    const bytes = withBom(utf8('Date,Supplier,Amount\r\n13/04/2020,Café Ltd,£1.00\r\n'));
    const ledger = await readLedger({ name: 'bom.csv', bytes });
    expect(ledger).toMatchObject({ encoding: 'utf-8-bom', status: 'accepted', columns: { date: 'Date' } });
    expect(ledger.lines[0]).toMatchObject({ supplier: 'Café Ltd', amount: 100 });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, reading £ (A3) and the en-dash (96)', async () => {
    const bytes = encodeWindows1252('Date,Supplier,Amount\r\n13/04/2020,Smith – Jones,"£38,148.43"\r\n');
    expect(bytes).toContain(0xa3);
    const ledger = await readLedger({ name: 'cp1252.csv', bytes });
    expect(ledger).toMatchObject({ encoding: 'windows-1252', status: 'accepted' });
    expect(ledger.lines[0]).toMatchObject({ supplier: 'Smith – Jones', amount: 3814843 });
  });
});

describe('readLedger header row', () => {
  it('skips titles and blank rows above the header', async () => {
    const file = csvFile([
      'Barts Health NHS Trust,,',
      'Expenditure over £25,000 — April 2024,,',
      ',,',
      '',
      'Date,Supplier,Amount',
      '13/04/2020,Acme,1.00',
    ]);
    const ledger = await readLedger(file);
    expect(ledger).toMatchObject({ status: 'accepted', headerLine: 5 });
    expect(ledger.lines[0]?.line).toBe(6);
  });

  it.each([
    [['Date', 'Suppklier', 'AP Amount'], { date: 'Date', supplier: 'Suppklier', amount: 'AP Amount' }],
    [[' Date ', ' Supplier ', ' Amount '], { date: 'Date', supplier: 'Supplier', amount: 'Amount' }],
    [
      ['Date of payment', 'Vendor Name', 'Amount (£)'],
      { date: 'Date of payment', supplier: 'Vendor Name', amount: 'Amount (£)' },
    ],
    [['PAYMENT DATE', 'PAYEE', 'VALUE'], { date: 'PAYMENT DATE', supplier: 'PAYEE', amount: 'VALUE' }],
    [['Transaction Date', 'Supplier', 'Date', 'Amount'], { date: 'Date' }],
  ])('maps the headers %j', async (headers, columns) => {
    const file = csvFile([
      headers.join(','),
      headers
        .map((h) => (/date/i.test(h) ? '13/04/2020' : /amount|value/i.test(h) ? '1.00' : 'Acme'))
        .join(','),
    ]);
    const ledger = await readLedger(file);
    expect(ledger.status).toBe('accepted');
    expect(ledger.columns).toMatchObject(columns);
  });

  it('rejects a file without an amount column, naming it and listing the headers found', async () => {
    // prepare
    const file = csvFile(['Date,Supplier,VAT Amount,Price', '13/04/2020,Acme,0.20,1.00']);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('rejected');
    expect(ledger.lines).toEqual([]);
    expect(ledger.rejection).toMatchObject({
      file: 'ledger.csv',
      line: 1,
      column: 'amount',
      value: 'Date | Supplier | VAT Amount | Price',
    });
    expect(ledger.rejection?.reason).toContain('no amount column');
    expect(ledger.rejection?.reason).toContain('"Date", "Supplier", "VAT Amount", "Price"');
  });

  it('never takes "Data" for the date nor "Supplier ID" for the supplier', async () => {
    const ledger = await readLedger(csvFile(['Data,Supplier ID,Amount', '13/04/2020,123,1.00']));
    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection?.reason).toContain('no payment date, supplier column');
    expect(ledger.rejection?.reason).toContain('"Data", "Supplier ID", "Amount"');
  });

  it('rejects a file whose first 30 rows hold no header at all', async () => {
    const ledger = await readLedger(csvFile(['just,some,words', '1,2,3']));
    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection?.reason).toMatch(
      /no payment date, supplier, amount column found in the first 30 rows/,
    );
  });
});

describe('readLedger summary and blank rows', () => {
  it.each(['Total', 'TOTAL', 'Grand Total', 'Sub-total', 'Sum:', 'Total:'])(
    'skips a "%s" row with no date as a summary row',
    async (label) => {
      const file = simpleCsv([...goodRows(3), ['', label, '300.00']]);
      const ledger = await readLedger(file);
      expect(ledger.status).toBe('accepted');
      expect(ledger.lines).toHaveLength(3);
      expect(ledger.skipped).toEqual([{ line: 5, reason: `summary row "${label}"` }]);
    },
  );

  it('skips a "Sum:" label in another column of an undated row', async () => {
    const file = csvFile(['Date,Supplier,Expense Type,Amount', '13/04/2020,Acme,Gas,1.00', ',,Sum:,1.00']);
    const ledger = await readLedger(file);
    expect(ledger.skipped).toEqual([{ line: 3, reason: 'summary row "Sum:"' }]);
  });

  it('skips a "Total" label typed in the date column, as Excel users put it in column A', async () => {
    const file = csvFile([
      'Date,Vendor Name,Transaction Number,Amount',
      '13/04/2020,Acme,1,1.00',
      'Total,,,"1.00"',
    ]);
    const ledger = await readLedger(file);
    expect(ledger.issues).toEqual([]);
    expect(ledger.skipped).toEqual([{ line: 3, reason: 'summary row "Total"' }]);
  });

  it('counts a dated supplier whose name starts with "Total" as spend', async () => {
    const file = simpleCsv([
      ['13/08/2020', 'Total Gas & Power Ltd', '46,055.11'],
      ['14/08/2020', 'TOTAL GAS & POWER LTD.', '1.00'],
    ]);
    const ledger = await readLedger(file);
    expect(ledger.lines.map((line) => [line.supplier, line.amount])).toEqual([
      ['Total Gas & Power Ltd', 4605511],
      ['TOTAL GAS & POWER LTD.', 100],
    ]);
    expect(ledger.skipped).toEqual([]);
  });

  it('skips a row whose supplier is just "Total", even when it carries a date', async () => {
    const file = simpleCsv([...goodRows(3), ['30/04/2020', 'Total', '300.00']]);
    const ledger = await readLedger(file);
    expect(ledger.lines).toHaveLength(3);
    expect(ledger.skipped).toEqual([{ line: 5, reason: 'summary row "Total"' }]);
  });

  it('reports an undated "Total Gas & Power Ltd" line as bad instead of skipping it as a summary', async () => {
    const file = simpleCsv([...goodRows(30), ['', 'Total Gas & Power Ltd', '1.00']]);
    const ledger = await readLedger(file);
    expect(ledger.skipped).toEqual([]);
    expect(ledger.issues).toEqual([expect.objectContaining({ line: 32, column: 'Date', value: '' })]);
  });

  it('skips a repeated header row', async () => {
    const file = simpleCsv([...goodRows(2), ['Date', 'Supplier', 'Amount'], ...goodRows(2)]);
    const ledger = await readLedger(file);
    expect(ledger.lines).toHaveLength(4);
    expect(ledger.skipped).toEqual([{ line: 4, reason: 'repeated header row' }]);
  });
});

describe('readLedger bad lines', () => {
  it('excludes a bad line and reports its line, column, value and reason when few lines are bad', async () => {
    // prepare
    const rows = goodRows(30);
    rows[4] = ['17/04/2020', 'Acme', '12,34.5'];
    // act
    const ledger = await readLedger(simpleCsv(rows));
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines).toHaveLength(29);
    expect(ledger.issues).toEqual([
      {
        file: 'ledger.csv',
        line: 6,
        column: 'Amount',
        value: '12,34.5',
        reason:
          '"12,34.5" is not a money amount: thousands separators must group three digits; write it like 1,234.56 or -1234.56',
      },
    ]);
  });

  it('reports an empty supplier, an unreadable date and a day that does not exist', async () => {
    const rows = goodRows(60);
    rows[0] = ['14/04/2020', '', '1.00'];
    rows[1] = ['yesterday', 'Acme', '1.00'];
    rows[2] = ['31/04/2020', 'Acme', '1.00'];
    const ledger = await readLedger(simpleCsv(rows));
    expect(ledger.status).toBe('accepted');
    expect(ledger.issues.map(({ line, column, value }) => ({ line, column, value }))).toEqual([
      { line: 2, column: 'Supplier', value: '' },
      { line: 3, column: 'Date', value: 'yesterday' },
      { line: 4, column: 'Date', value: '31/04/2020' },
    ]);
    expect(ledger.issues[0]?.reason).toContain('the supplier is empty');
    expect(ledger.issues[2]?.reason).toBe('"31/04/2020" is not a calendar date: April 2020 has 30 days');
    expect(ledger.lines).toHaveLength(57);
  });

  it('rejects the whole file when more than 5% of its lines are bad, saying how many of how many', async () => {
    // prepare
    const rows = goodRows(20);
    rows[2] = ['13/04/2020', 'Acme', 'n/a'];
    rows[7] = ['13/04/2020', 'Acme', '1.234,56'];
    // act
    const ledger = await readLedger(simpleCsv(rows));
    // assert
    expect(ledger.status).toBe('rejected');
    expect(ledger.lines).toEqual([]);
    expect(ledger.issues).toHaveLength(2);
    expect(ledger.rejection).toMatchObject({ line: 4, column: 'Amount', value: 'n/a' });
    expect(ledger.rejection?.reason).toContain(
      '2 of 20 payment lines (10%) could not be read, more than the 5% allowed',
    );
    expect(ledger.rejection?.reason).toContain('line 9, column "Amount": "1.234,56" is not a money amount');
  });

  it('accepts exactly 5% bad lines and honours a stricter or looser maxBadShare', async () => {
    const rows = goodRows(20);
    rows[0] = ['13/04/2020', 'Acme', 'n/a'];
    const file = simpleCsv(rows);
    expect((await readLedger(file)).status).toBe('accepted');
    expect((await readLedger(file, { maxBadShare: 0 })).status).toBe('rejected');
    rows[1] = ['13/04/2020', 'Acme', 'n/a'];
    expect((await readLedger(simpleCsv(rows), { maxBadShare: 0.5 })).status).toBe('accepted');
  });

  it('rejects an empty file and a file with a header but no lines', async () => {
    const empty = await readLedger({ name: 'empty.csv', bytes: new Uint8Array() });
    expect(empty).toMatchObject({ status: 'rejected', lines: [] });
    expect(empty.rejection?.reason).toContain('empty.csv is empty');
    const headerOnly = await readLedger(csvFile(['Date,Supplier,Amount', ',,']));
    expect(headerOnly.status).toBe('rejected');
    expect(headerOnly.rejection?.reason).toContain('has a header row on line 1 but no payment lines');
  });

  it('never throws, whatever the bytes: every file is accepted or rejected', async () => {
    const csvish = fc.string({
      unit: fc.constantFrom(...'Date,Supplier,Amount\n\r"£-()1234567890./ TotalSum:'),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvish.map(utf8), fc.uint8Array({ maxLength: 200 })), async (bytes) => {
        const ledger = await readLedger({ name: 'fuzz.csv', bytes });
        expect(['accepted', 'rejected']).toContain(ledger.status);
        if (ledger.status === 'rejected') expect(ledger.rejection?.reason).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});

describe('readLedger day/month order', () => {
  it('reads a month-first file from its own values and says why', async () => {
    const ledger = await readLedger(
      simpleCsv([
        ['9/30/2020', 'Spire', '-47,997.83'],
        ['10/31/2020', 'Acme', '1.00'],
        ['10/1/2020', 'B', '2.00'],
      ]),
    );
    expect(ledger.lines.map((line) => line.date)).toEqual(['2020-09-30', '2020-10-31', '2020-10-01']);
    expect(ledger.dateStyles).toEqual([
      {
        style: 'n/n/yyyy',
        order: 'MDY',
        evidence: '"9/30/2020" on line 2 has a day above 12 in second place',
        lines: 3,
      },
    ]);
  });

  it('rejects a file whose day/month order cannot be decided, naming the style and values', async () => {
    // prepare
    const file = simpleCsv([
      ['02/04/2020', 'Acme', '1.00'],
      ['05/06/2020', 'Beta', '2.00'],
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection).toMatchObject({ line: 2, column: 'Date', value: '02/04/2020' });
    expect(ledger.rejection?.reason).toContain('the day/month order of the n/n/yyyy dates cannot be decided');
    expect(ledger.rejection?.reason).toContain('"02/04/2020" on line 2, "05/06/2020" on line 3');
    expect(ledger.rejection?.reason).toContain('re-export with unambiguous dates');
    expect(ledger.rejection?.reason).toContain(
      "--date-order DMY on the command line, dateOrder in the pipeline's settings",
    );
  });

  it('reads an undecidable file in the order given by dateOrder, recording that as the evidence', async () => {
    const file = simpleCsv([
      ['02/04/2020', 'Acme', '1.00'],
      ['05/06/2020', 'Beta', '2.00'],
    ]);
    const ledger = await readLedger(file, { dateOrder: 'MDY' });
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.date)).toEqual(['2020-02-04', '2020-05-06']);
    expect(ledger.dateStyles[0]).toMatchObject({
      order: 'MDY',
      evidence: expect.stringContaining('dateOrder option'),
    });
  });

  it('does not let dateOrder override what the values decide', async () => {
    const ledger = await readLedger(
      simpleCsv([
        ['02/04/2020', 'Acme', '1.00'],
        ['30/04/2020', 'B', '1.00'],
      ]),
      { dateOrder: 'MDY' },
    );
    expect(ledger.lines.map((line) => line.date)).toEqual(['2020-04-02', '2020-04-30']);
  });

  it('rejects a file whose dates of one style disagree on the order', async () => {
    const ledger = await readLedger(
      simpleCsv([
        ['31/03/2021', 'Acme', '1.00'],
        ['3/31/2021', 'Beta', '2.00'],
      ]),
    );
    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection).toMatchObject({ line: 3, column: 'Date', value: '3/31/2021' });
    expect(ledger.rejection?.reason).toContain('disagree on day/month order');
  });

  it('decides each numeric style separately: 2/28/2021 is month-first while 28/02/21 is day-first', async () => {
    const file = simpleCsv([
      ['2/28/2021', 'Acme', '1.00'],
      ['28/02/21', 'Beta', '2.00'],
      ['3/1/2021', 'C', '3.00'],
      ['1/3/21', 'D', '4.00'],
    ]);
    const ledger = await readLedger(file);
    expect(ledger.lines.map((line) => line.date)).toEqual([
      '2021-02-28',
      '2021-02-28',
      '2021-03-01',
      '2021-03-01',
    ]);
    expect(ledger.dateStyles.map(({ style, order }) => [style, order])).toEqual([
      ['n/n/yyyy', 'MDY'],
      ['n/n/yy', 'DMY'],
    ]);
  });

  it('needs no decision for named months and reads them beside numeric dates', async () => {
    const file = simpleCsv([
      ['31-Aug-20', 'Acme', '1.00'],
      ['17/09/2020', 'Beta', '2.00'],
      ['07-SEP-2020 ', 'C', '3.00'],
      ['2020-09-02', 'D', '4.00'],
    ]);
    const ledger = await readLedger(file);
    expect(ledger.lines.map((line) => line.date)).toEqual([
      '2020-08-31',
      '2020-09-17',
      '2020-09-07',
      '2020-09-02',
    ]);
    expect(ledger.dateStyles).toEqual([
      { style: 'n-mmm-yy', evidence: 'the month is written as a name', lines: 1 },
      {
        style: 'n/n/yyyy',
        order: 'DMY',
        evidence: '"17/09/2020" on line 3 has a day above 12 in first place',
        lines: 1,
      },
      { style: 'n-mmm-yyyy', evidence: 'the month is written as a name', lines: 1 },
      { style: 'iso', evidence: 'the year comes first', lines: 1 },
    ]);
  });
});

describe('readLedger supplier and postcode columns', () => {
  it('splits a company number off the supplier and flags withheld payees', async () => {
    const file = simpleCsv([
      ['13/04/2020', 'KINGS COLLEGE LONDON:03529700', '1.00'],
      ['13/04/2020', 'REDACTED', '2.00'],
      ['13/04/2020', 'Redacted personal data', '3.00'],
      ['13/04/2020', 'Redactive Media Ltd', '4.00'],
    ]);
    const ledger = await readLedger(file);
    expect(
      ledger.lines.map(({ supplier, companyNumber, redacted }) => ({ supplier, companyNumber, redacted })),
    ).toEqual([
      { supplier: 'KINGS COLLEGE LONDON', companyNumber: '03529700', redacted: false },
      { supplier: 'REDACTED', companyNumber: undefined, redacted: true },
      { supplier: 'Redacted personal data', companyNumber: undefined, redacted: true },
      { supplier: 'Redactive Media Ltd', companyNumber: undefined, redacted: false },
    ]);
  });

  it('normalises a supplier postcode, and keeps the spend of a line whose postcode is invalid', async () => {
    // prepare
    const file = csvFile([
      'Date,Supplier,Supplier Postcode,Amount',
      '13/04/2020,Acme,me141xx,1.00',
      '13/04/2020,Beta,NOT KNOWN,2.00',
      '13/04/2020,Gamma,,3.00',
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map((line) => line.postcode)).toEqual(['ME14 1XX', undefined, undefined]);
    expect(ledger.lines.map((line) => line.amount)).toEqual([100, 200, 300]);
    expect(ledger.issues).toEqual([]);
    expect(ledger.notes).toEqual([
      expect.objectContaining({ line: 3, column: 'Supplier Postcode', value: 'NOT KNOWN' }),
    ]);
  });

  it("never repeats a withheld payee's cell text in a problem or note, but still says where it is", async () => {
    // prepare: the name in a bad amount's line, shifted into the amount by an unquoted comma, typed
    // into the date column, and beside a postcode that is not one
    const file = csvFile([
      'Date,Supplier,Amount,Supplier Postcode',
      '13/04/2020,Acme Ltd,1.00,',
      '13/04/2020,REDACTED - Jonathan Q Private,twelve,',
      '13/04/2020,Smith, Jonathan Q (REDACTED),2.00',
      'Jonathan Q Private (withheld),REDACTED,3.00,',
      '13/04/2020,Jonathan Q Private - name withheld,4.00,Jonathan Q Private',
      '13/04/2020,Acme Ltd,five,',
      '13/04/2020,REDACTED,,',
    ]);
    // act
    const ledger = await readLedger(file, { maxBadShare: 1 });
    // assert
    expect(ledger.status).toBe('accepted');
    expect(JSON.stringify([ledger.issues, ledger.notes, ledger.rejection])).not.toContain('Jonathan');
    expect(ledger.issues.map(({ line, column, value }) => ({ line, column, value }))).toEqual([
      { line: 3, column: 'Amount', value: '(withheld)' },
      { line: 4, column: 'Amount', value: '(withheld)' },
      { line: 5, column: 'Date', value: '(withheld)' },
      { line: 7, column: 'Amount', value: 'five' },
      { line: 8, column: 'Amount', value: '' },
    ]);
    expect(ledger.issues[0]?.reason).toMatch(/could not be read; its text is not repeated here/);
    expect(ledger.issues[3]?.reason).toContain('"five"');
    expect(ledger.issues[4]?.reason).toMatch(/empty/);
    expect(ledger.notes).toEqual([
      expect.objectContaining({ line: 6, column: 'Supplier Postcode', value: '(withheld)' }),
    ]);
    expect(ledger.lines.find((line) => line.line === 6)).toMatchObject({ redacted: true, amount: 400 });
  });

  it("leaves a withheld payee's name out of the headers quoted when a file has no header row", async () => {
    const file = csvFile(['13/04/2020,REDACTED Jonathan Q Private,12.00']);
    const ledger = await readLedger(file);
    expect(ledger.status).toBe('rejected');
    expect(ledger.rejection?.reason).toContain('"13/04/2020", "(withheld)", "12.00"');
    expect(JSON.stringify(ledger.rejection)).not.toContain('Jonathan');
  });
});

describe('readLedger on workbooks', () => {
  it('reads the first sheet with a header, below a title, with typed cells', async () => {
    // prepare
    const file = await xlsxFile([
      { name: 'Sheet1', rows: [] },
      { name: 'Notes', rows: [['These are our payments over £25,000']] },
      {
        name: 'April 2020',
        rows: [
          ['North Middlesex University Hospital NHS Trust'],
          [],
          ['Date Paid', 'Supplier', 'Transaction number', 'Amount'],
          [new Date(Date.UTC(2020, 3, 1)), 'B-Plan Information Systems Ltd', 762906, 50773.2],
          [43923, 'Floyd & Son Ltd', 764851, 75573.509999999995],
          ['03/04/2020', 'Linea Partners Ltd', 772656, '£1,200.00'],
          ['15/04/2020', 'Matz Medical Ltd', 768245, -2549],
          [],
          [null, 'Total', null, { formula: 'SUM(D4:D7)', result: 126893.71 }],
        ],
      },
      { name: 'Sheet3', rows: [] },
    ]);
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger).toMatchObject({ format: 'xlsx', sheet: 'April 2020', headerLine: 3, status: 'accepted' });
    expect(
      ledger.lines.map(({ line, date, supplier, amount, transaction }) => ({
        line,
        date,
        supplier,
        amount,
        transaction,
      })),
    ).toEqual([
      {
        line: 4,
        date: '2020-04-01',
        supplier: 'B-Plan Information Systems Ltd',
        amount: 5077320,
        transaction: '762906',
      },
      { line: 5, date: '2020-04-02', supplier: 'Floyd & Son Ltd', amount: 7557351, transaction: '764851' },
      { line: 6, date: '2020-04-03', supplier: 'Linea Partners Ltd', amount: 120000, transaction: '772656' },
      { line: 7, date: '2020-04-15', supplier: 'Matz Medical Ltd', amount: -254900, transaction: '768245' },
    ]);
    expect(ledger.skipped).toEqual([
      { line: 8, reason: 'blank' },
      { line: 9, reason: 'summary row "Total"' },
    ]);
    expect(ledger.dateStyles.map((decision) => decision.style)).toEqual([
      'date-cell',
      'excel-serial',
      'n/n/yyyy',
    ]);
  });

  it('reads an amount column shown in millions (#,##0.00,,\\M) as amounts, not as dates', async () => {
    // prepare: the M is a literal letter, which exceljs took for the month code.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Payments');
    sheet.addRow(['Date Paid', 'Supplier', 'Amount']);
    sheet.addRow([new Date(Date.UTC(2024, 3, 2)), 'Bywest Ltd', 67132.6]);
    sheet.addRow([new Date(Date.UTC(2024, 3, 17)), 'Alloga UK Ltd', { formula: '-85', result: -85 }]);
    sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
    for (const row of [2, 3]) sheet.getCell(row, 3).numFmt = '#,##0.00,,\\M';
    const file = { name: 'ledger.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    // act
    const ledger = await readLedger(file);
    // assert
    expect(ledger.status).toBe('accepted');
    expect(ledger.lines.map(({ date, supplier, amount }) => ({ date, supplier, amount }))).toEqual([
      { date: '2024-04-02', supplier: 'Bywest Ltd', amount: 6713260 },
      { date: '2024-04-17', supplier: 'Alloga UK Ltd', amount: -8500 },
    ]);
  });

  it('ignores hidden sheets', async () => {
    const file = await xlsxFile([
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
    ]);
    const ledger = await readLedger(file);
    expect(ledger.sheet).toBe('Current');
    expect(ledger.lines.map((line) => line.supplier)).toEqual(['New Ltd']);
  });

  it('rejects a workbook with no sheet naming the required columns, listing what it found', async () => {
    const file = await xlsxFile([
      {
        name: 'Data',
        rows: [
          ['When', 'Who', 'Amount'],
          ['13/04/2020', 'Acme', 1],
        ],
      },
    ]);
    const ledger = await readLedger(file);
    expect(ledger).toMatchObject({ format: 'xlsx', status: 'rejected', sheet: 'Data' });
    expect(ledger.rejection?.reason).toContain('"When", "Who", "Amount"');
  });

  it('rejects a legacy .xls workbook with "save it as .xlsx or CSV"', async () => {
    const bytes = Uint8Array.from([
      0xd0,
      0xcf,
      0x11,
      0xe0,
      0xa1,
      0xb1,
      0x1a,
      0xe1,
      ...new Array<number>(504).fill(0),
    ]);
    const ledger = await readLedger({ name: 'BART 09 - December.xls', bytes });
    expect(ledger).toMatchObject({ format: 'xls', status: 'rejected', lines: [] });
    expect(ledger.rejection?.reason).toContain('save it as .xlsx or CSV');
  });

  it('rejects a damaged workbook instead of throwing', async () => {
    const ledger = await readLedger({
      name: 'broken.xlsx',
      bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]),
    });
    expect(ledger).toMatchObject({ format: 'xlsx', status: 'rejected' });
    expect(ledger.rejection?.reason).toContain('could not be opened as an Excel workbook');
  });
});

describe('readLedger on damaged text', () => {
  it('rejects a CSV with an unclosed quote, pointing at the quotes', async () => {
    const ledger = await readLedger(csvFile(['Date,Supplier,Amount', '13/04/2020,"Acme,1.00']));
    expect(ledger).toMatchObject({ format: 'csv', status: 'rejected' });
    expect(ledger.rejection?.reason).toContain('check the quotes');
  });

  it('rejects binary content that is neither CSV nor XLSX', async () => {
    const ledger = await readLedger({
      name: 'scan.pdf',
      bytes: Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]),
    });
    expect(ledger).toMatchObject({ format: 'unknown', status: 'rejected' });
    expect(ledger.rejection?.reason).toContain('export the ledger as CSV or .xlsx');
  });
});
