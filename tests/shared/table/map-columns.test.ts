import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../../shared/ledger/index.ts';
import {
  mapColumns,
  mapHeaderCandidates,
  matchHeaderToAlias,
  measureEditDistance,
} from '../../../shared/table/index.ts';

describe('measureEditDistance', () => {
  it.each([
    ['supplier', 'supplier', 0],
    ['suppklier', 'supplier', 1],
    ['suplpier', 'supplier', 1],
    ['date', 'data', 1],
    ['vat', 'net', 2],
    ['', 'abc', 3],
  ])('measures %j → %j as %i', (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
  });
});

describe('matchHeaderToAlias', () => {
  it('ignores case, surrounding spaces and punctuation', () => {
    expect(matchHeaderToAlias(' Amount ', 'amount')).toBe(0);
    expect(matchHeaderToAlias('Amount (£)', 'Amount £')).toBe(0);
    expect(matchHeaderToAlias('SupplierName', 'Supplier Name')).toBe(0);
  });

  it('accepts one typo in a word of five letters or more, two from eight', () => {
    expect(matchHeaderToAlias('Suppklier', 'Supplier')).toBe(1);
    expect(matchHeaderToAlias('Supplir Nmae', 'Supplier Name')).toBeUndefined();
    expect(matchHeaderToAlias('Ammount', 'Amount')).toBe(1);
    expect(matchHeaderToAlias('Amonut', 'Amount')).toBe(1);
    expect(matchHeaderToAlias('Sppliers', 'Supplier')).toBe(2);
  });

  it('never fuzzy-matches short words', () => {
    expect(matchHeaderToAlias('Data', 'Date')).toBeUndefined();
    expect(matchHeaderToAlias('Date Piad', 'Date Paid')).toBeUndefined();
    expect(matchHeaderToAlias('VAT Amount', 'Net Amount')).toBeUndefined();
  });
});

describe('mapColumns with the ledger columns', () => {
  const map = (headers: string[]) => {
    const { columns, missing } = mapColumns(headers, LEDGER_COLUMNS);
    const names = Object.fromEntries(Object.entries(columns).map(([field, match]) => [field, match?.header]));
    return { names, missing };
  };

  it('finds each field under its usual names', () => {
    expect(map(['Date Paid', 'Suppklier', 'AP Amount'])).toEqual({
      names: { date: 'Date Paid', supplier: 'Suppklier', amount: 'AP Amount' },
      missing: [],
    });
    expect(map(['Date of payment', 'Vendor Name', 'Amount (£)']).names).toMatchObject({
      date: 'Date of payment',
      supplier: 'Vendor Name',
      amount: 'Amount (£)',
    });
    expect(map(['Paid Date', 'Payee', 'Amount £']).names).toMatchObject({
      date: 'Paid Date',
      supplier: 'Payee',
      amount: 'Amount £',
    });
    expect(map(['Posting Date', 'Beneficiary', 'Gross Amount']).names).toMatchObject({
      amount: 'Gross Amount',
    });
    expect(map(['Invoice Date', 'Merchant', 'Total']).names).toMatchObject({
      date: 'Invoice Date',
      amount: 'Total',
    });
  });

  it('maps the optional columns', () => {
    const { names } = map([
      'Date',
      'Supplier',
      'Amount',
      'Supplier ID',
      'Post Code',
      'Their Reference',
      'Expense Type',
      'Expenses Area',
      'Description',
    ]);
    expect(names).toEqual({
      date: 'Date',
      supplier: 'Supplier',
      amount: 'Amount',
      supplierId: 'Supplier ID',
      postcode: 'Post Code',
      transaction: 'Their Reference',
      expenseType: 'Expense Type',
      expenseArea: 'Expenses Area',
      description: 'Description',
    });
  });

  it('finds the payment date under the names finance systems abbreviate it to', () => {
    for (const header of [
      'Trans Date',
      'Trans. Date',
      'Txn Date',
      'Date Posted',
      'Clearing Date',
      'Date Invoice Paid',
      'Invoice Paid Date',
    ]) {
      expect(map([header, 'Supplier', 'Amount']).names.date, header).toBe(header);
    }
    expect(map(['Period End Date', 'Supplier', 'Amount'])).toMatchObject({ missing: ['date'] });
    expect(map(['Trans Date', 'Date Invoice Paid', 'Supplier', 'Amount']).names.date).toBe(
      'Date Invoice Paid',
    );
  });

  it('takes a bare Net or Gross column for the amount, the net when both are there', () => {
    expect(map(['Date', 'Supplier', 'Net']).names.amount).toBe('Net');
    expect(map(['Date', 'Supplier', 'Gross', 'VAT', 'Net']).names.amount).toBe('Net');
    expect(map(['Date', 'Supplier', 'VAT', 'Gross']).names.amount).toBe('Gross');
  });

  it('prefers the payment date over transaction and invoice dates', () => {
    expect(map(['Transaction Date', 'Date', 'Supplier', 'Amount']).names.date).toBe('Date');
    expect(map(['Invoice Date', 'Date Paid', 'Supplier', 'Amount']).names.date).toBe('Date Paid');
    expect(map(['Transaction Date', 'Payment Date', 'Supplier', 'Amount']).names.date).toBe('Payment Date');
  });

  it('never takes a supplier ID, supplier postcode or VAT amount for the supplier or the amount', () => {
    expect(map(['Date', 'Supplier ID', 'Amount'])).toMatchObject({ missing: ['supplier'] });
    expect(map(['Date', 'Supplier Postcode', 'Amount'])).toMatchObject({ missing: ['supplier'] });
    expect(map(['Date', 'Supplier', 'VAT Amount'])).toMatchObject({ missing: ['amount'] });
    expect(map(['Date', 'Supplier ID', 'Supplier Name', 'VAT Amount', 'Net Amount']).names).toMatchObject({
      supplier: 'Supplier Name',
      supplierId: 'Supplier ID',
      amount: 'Net Amount',
    });
  });

  it('takes the value columns AP systems export under other names for the amount', () => {
    for (const header of [
      'Net Value',
      'Gross Value',
      'Invoice Value',
      'Invoice Total',
      'Payment Value',
      'Line Amount',
    ]) {
      expect(map(['Posting Date', 'Vendor', header]).names.amount).toBe(header);
    }
    expect(map(['Posting Date', 'Vendor', 'VAT Value', 'Net Value']).names.amount).toBe('Net Value');
  });

  it('reports every required field it cannot find', () => {
    expect(map(['Data', 'Name', 'Price']).missing).toEqual(['date', 'supplier', 'amount']);
  });
});

describe('mapHeaderCandidates', () => {
  const rows = [
    { line: 1, cells: ['Payments over £25,000'] },
    { line: 2, cells: ['', null] },
    { line: 3, cells: ['Date', 'Supplier', 'Amount'] },
    { line: 4, cells: ['01/04/2024', 'Acme Ltd', '1.00'] },
  ];

  it('maps each non-blank row within the limit, top down', () => {
    const candidates = [...mapHeaderCandidates(rows, LEDGER_COLUMNS, 3)];
    expect(candidates.map(({ index, row }) => [index, row.line])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(candidates[0]?.missing).toEqual(['date', 'supplier', 'amount']);
    expect(candidates[1]?.missing).toEqual([]);
    expect(candidates[1]?.columns.supplier?.index).toBe(1);
  });
});
