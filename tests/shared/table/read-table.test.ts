import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  decodeText,
  detectFormat,
  findHeaderRow,
  isBlankRow,
  readTable,
  TableFormatError,
} from '../../../shared/table/index.ts';
import { loadWorkbookTable } from './load-workbook.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsxBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readTable on CSV', () => {
  it('numbers each row by the physical line it starts on, across quoted line breaks and blank lines', async () => {
    // prepare
    const bytes = utf8('a,b\r\n\r\n"two\r\nlines",2\r\n,,,\r\nlast,1\r\n');
    // act
    const table = await readTable({ name: 'x.csv', bytes });
    // assert
    expect(table.format).toBe('csv');
    expect(table.rows.map((row) => row.line)).toEqual([1, 2, 3, 5, 6]);
    expect(table.rows[2]?.cells).toEqual(['two\nlines', '2']);
    expect(isBlankRow(table.rows[1] ?? { line: 0, cells: [] })).toBe(true);
    expect(isBlankRow(table.rows[3] ?? { line: 0, cells: [] })).toBe(true);
  });

  it('reads files that mix CRLF and LF line endings', async () => {
    const table = await readTable({ name: 'x.csv', bytes: utf8('a,b\r\n1,2\n3,4\n') });
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('accepts rows with more or fewer cells than the header', async () => {
    const table = await readTable({ name: 'x.csv', bytes: utf8('a,b,c\n1\n1,2,3,4,5\n') });
    expect(table.rows.map((row) => row.cells.length)).toEqual([3, 1, 5]);
  });

  it('records UTF-8 with a BOM and strips the BOM from the first cell', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Supplier,Amount\n')]);
    const table = await readTable({ name: 'x.csv', bytes });
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.rows[0]?.cells[0]).toBe('Supplier');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, reading £ and the en-dash', async () => {
    const bytes = new Uint8Array([...utf8('Amount\n'), 0xa3, ...utf8('12 '), 0x96, ...utf8(' x\n')]);
    const table = await readTable({ name: 'x.csv', bytes });
    expect(table.encoding).toBe('windows-1252');
    expect(table.rows[1]?.cells[0]).toBe('£12 – x');
  });

  it('reads tab-separated text when the file has tabs and no commas', async () => {
    const table = await readTable({ name: 'x.txt', bytes: utf8('Supplier\tAmount\nAcme\t1.00\n') });
    expect(table.delimiter).toBe('\t');
    expect(table.rows[1]?.cells).toEqual(['Acme', '1.00']);
  });

  it('returns no rows for an empty file', async () => {
    const table = await readTable({ name: 'empty.csv', bytes: new Uint8Array() });
    expect(table.rows).toEqual([]);
  });

  it('rejects binary content that is neither text nor a workbook', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]);
    await expect(readTable({ name: 'x.pdf', bytes })).rejects.toThrow(TableFormatError);
  });
});

describe('readTable on workbooks', () => {
  it('rejects a legacy .xls workbook telling the user to save it as .xlsx or CSV', async () => {
    // prepare
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    // act
    const reading = readTable({ name: 'december.csv', bytes });
    // assert
    await expect(reading).rejects.toThrow(/save it as \.xlsx or CSV/);
    await expect(reading).rejects.toMatchObject({ name: 'TableFormatError', format: 'xls' });
  });

  it('rejects a zip that is not a workbook with a message saying what to do', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(readTable({ name: 'x.xlsx', bytes })).rejects.toThrow(/save it as \.xlsx or CSV/);
  });

  it('reads typed cells from the first non-empty worksheet, keeping row numbers', async () => {
    // prepare
    const bytes = await xlsxBytes((workbook) => {
      workbook.addWorksheet('Cover');
      const sheet = workbook.addWorksheet('Data');
      sheet.getCell('A3').value = 'Date';
      sheet.getCell('B3').value = 'Supplier';
      sheet.getCell('C3').value = 'Amount';
      sheet.getCell('A4').value = new Date(Date.UTC(2020, 3, 2));
      sheet.getCell('B4').value = { richText: [{ text: 'Acme ' }, { text: 'Ltd' }] };
      sheet.getCell('C4').value = { formula: '1+1', result: 2 };
      sheet.getCell('D4').value = true;
    });
    // act
    const table = await readTable({ name: 'x.xlsx', bytes });
    // assert
    expect(table.format).toBe('xlsx');
    expect(table.sheet).toBe('Data');
    const dataRow = table.rows.find((row) => row.line === 4);
    expect(dataRow?.cells).toEqual([new Date(Date.UTC(2020, 3, 2)), 'Acme Ltd', 2, true]);
  });

  it('reads a workbook as loading it whole did, without loading it whole', async () => {
    // prepare: typed cells, a hidden sheet, a cover sheet, a merged title, a date formula
    const bytes = await xlsxBytes((workbook) => {
      workbook.addWorksheet('Old', { state: 'hidden' }).getCell('A1').value = 'Supplier';
      workbook.addWorksheet('Cover').getCell('A1').value = 'Supplier reference';
      const sheet = workbook.addWorksheet('List');
      sheet.getCell('A1').value = 'Suppliers at 31 March 2024';
      sheet.mergeCells('A1:D1');
      sheet.getRow(3).values = ['Supplier Name', 'Employees', 'SME', 'Reviewed'];
      sheet.getRow(4).values = [
        { richText: [{ text: 'Acme ' }, { text: 'Ltd' }] },
        300,
        false,
        new Date(Date.UTC(2024, 2, 1)),
      ];
      sheet.getRow(5).values = [
        'Kent Play CIC',
        { formula: '2+3', result: 5 },
        true,
        { formula: 'D4+1', result: 45353 },
      ];
      sheet.getCell('D5').numFmt = 'dd/mm/yyyy';
    });
    const select = {
      selectSheet: (rows: { cells: unknown[] }[]) => rows.some((row) => row.cells.includes('Supplier Name')),
    };
    // act
    const streamed = await readTable({ name: 'x.xlsx', bytes }, select);
    // assert
    expect(streamed).toEqual(await loadWorkbookTable({ name: 'x.xlsx', bytes }, select));
    expect(streamed.sheet).toBe('List');
  });

  it('lets the caller pick the worksheet by its content', async () => {
    const bytes = await xlsxBytes((workbook) => {
      workbook.addWorksheet('Notes').getCell('A1').value = 'Read me';
      workbook.addWorksheet('Spend').getCell('A1').value = 'Supplier';
    });
    const table = await readTable(
      { name: 'x.xlsx', bytes },
      { selectSheet: (rows) => rows.some((row) => row.cells.includes('Supplier')) },
    );
    expect(table.sheet).toBe('Spend');
  });
});

describe('table helpers', () => {
  it('finds a header row below titles and blank rows', () => {
    const rows = [
      { line: 1, cells: ['Barts Health NHS Trust'] },
      { line: 2, cells: [''] },
      { line: 3, cells: [' Date ', 'SUPPLIER', 'Amount'] },
    ];
    const found = findHeaderRow(rows, (texts) => texts.includes('supplier'));
    expect(found?.row.line).toBe(3);
    expect(found?.index).toBe(2);
  });

  it('gives cell text trimmed, without the apostrophe Excel uses to force text, and dates as ISO', () => {
    expect(cellText("  '0123 ")).toBe('0123');
    expect(cellText('\u00a0Acme\u00a0')).toBe('Acme');
    expect(cellText(new Date(Date.UTC(2021, 1, 28)))).toBe('2021-02-28');
    expect(cellText(null)).toBe('');
    expect(cellText(12.5)).toBe('12.5');
  });

  it('gives text it returns as it is (its shortcut) exactly as trimming it does (which a space around the text forces)', () => {
    const unit = fc.constantFrom(
      ...['a', 'Z', '1', ',', '.', "'", '£', 'é', '\u1234', '\u2028', '\u007f', '\u0085', '\u1680', '\u2000'],
      ...[' ', '\t', '\n', '\u00a0', '\u2007', '\u202f', '\ufeff', '\u3000'],
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(cellText(text)).toBe(cellText(` ${text} `));
      }),
      { numRuns: 5000 },
    );
  });

  it('never gives a text that starts with a printable character other than an apostrophe as empty', () => {
    const printable = fc.integer({ min: 0x21, max: 0x7e }).filter((code) => code !== 0x27);
    fc.assert(
      fc.property(printable, fc.string({ unit: 'binary' }), (code, rest) => {
        expect(cellText(String.fromCharCode(code) + rest)).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('detects formats from magic bytes, not names', () => {
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('xls');
    expect(detectFormat(utf8('a,b'))).toBe('csv');
  });

  it('decodes UTF-16 text with a byte-order mark', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xa3, 0x00]);
    expect(decodeText(bytes)).toEqual({ text: 'A£', encoding: 'utf-16le' });
  });
});
