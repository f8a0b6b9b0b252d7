import { constants, deflateRawSync } from 'node:zlib';
import {
  repeatedDeflate,
  rowsXml,
  rowXml,
  SHEET_END,
  SHEET_START,
  workbookParts,
  workbookWith,
  type XlsxValue,
} from './build-workbook.ts';
import { buildZip } from './build-zip.ts';

/**
 * The files of the corpus too big, too binary or too dangerous to commit, made the same way on every
 * run (no clock, no randomness but a seeded generator): zip bombs are built from a few megabytes of
 * deflate stream and never inflated here.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);
const crlf = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;

/** Mulberry32: a small seeded generator, so the "random" bytes are the same every run. */
function seededBytes(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** A header and `count` good lines in April 2024 (days above 12, so day-first is decided). */
function paymentRows(count: number): XlsxValue[][] {
  return [
    ['Date', 'Supplier', 'Amount'],
    ...Array.from({ length: count }, (_, i): XlsxValue[] => [
      `${13 + (i % 16)}/04/2024`,
      `Supplier ${i + 1} Ltd`,
      100 + i,
    ]),
  ];
}

/** Pence of `paymentRows(count)`: 100 + 101 + … pounds. */
export function paymentRowsPence(count: number): number {
  return (count * 100 + (count * (count - 1)) / 2) * 100;
}

const HEAD = rowsXml(paymentRows(2));
const WELL_FORMED = workbookWith(HEAD);

export const generators: Readonly<Record<string, () => Uint8Array | Promise<Uint8Array>>> = {
  'binary-junk.csv': () => seededBytes(7, 64 * 1024),

  'legacy-excel-97.xls': () =>
    Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),

  'truncated.xlsx': () => WELL_FORMED.subarray(0, Math.floor(WELL_FORMED.length / 2)),

  // The worksheet inflates half way, then its deflate stream breaks (a block of the reserved type 3):
  // exceljs used to wait for the rest of the sheet for ever.
  'corrupt-deflate.xlsx': () => {
    const sheet = `${SHEET_START}${rowsXml(paymentRows(300))}${SHEET_END}`;
    const half = deflateRawSync(Buffer.from(sheet.slice(0, sheet.length / 2)), {
      finishFlush: constants.Z_SYNC_FLUSH,
    });
    const deflated = Buffer.concat([half, Buffer.from([0x07, 0x00, 0x00, 0x00])]);
    return buildZip([
      ...workbookParts(),
      { path: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflated, size: sheet.length } },
    ]);
  },

  'zipped-csv.xlsx': () =>
    buildZip([{ path: 'april.csv', data: crlf(['Date,Supplier,Amount', '13/04/2024,Acme Ltd,100.00']) }]),

  // An OpenDocument spreadsheet (LibreOffice's own format) given a spreadsheet's name.
  'libreoffice-ods.xlsx': () =>
    buildZip([
      { path: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { path: 'content.xml', data: '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>' },
      { path: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>' },
    ]),

  // 4 GB of rows, and the zip says so.
  'zip-bomb-declared.xlsx': async () => {
    const sheet = await rowsBomb();
    return buildZip([...workbookParts(), { path: 'xl/worksheets/sheet1.xml', deflated: sheet }]);
  },

  // The same 4 GB of rows, but the zip claims the sheet is 1 KB.
  'zip-bomb-lying-sizes.xlsx': async () => {
    const sheet = await rowsBomb();
    return buildZip([
      ...workbookParts(),
      { path: 'xl/worksheets/sheet1.xml', deflated: { bytes: sheet.bytes, size: 1024 } },
    ]);
  },

  // A good sheet, and 4 GB of zeros posing as a 4 KB picture.
  'zip-bomb-in-media.xlsx': async () => {
    const zeros = await repeatedDeflate('', '\0', 65_536 * 65_536, '');
    return buildZip([
      ...workbookParts(),
      { path: 'xl/worksheets/sheet1.xml', data: `${SHEET_START}${HEAD}${SHEET_END}` },
      { path: 'xl/media/image1.png', deflated: { bytes: zeros.bytes, size: 4096 } },
    ]);
  },

  // One shared string of 1 GB of spaces: an XML parser would hold it whole.
  'zip-bomb-shared-strings.xlsx': async () => {
    const strings = await repeatedDeflate(
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`,
      ' ',
      65_536 * 16_384,
      '</t></si></sst>',
    );
    return buildZip([
      ...workbookParts(),
      { path: 'xl/sharedStrings.xml', deflated: { bytes: strings.bytes, size: 1000 } },
      { path: 'xl/worksheets/sheet1.xml', data: `${SHEET_START}${HEAD}${SHEET_END}` },
    ]);
  },

  // Two payments, then every row to Excel's last styled yellow (someone formatted whole columns).
  'million-empty-styled-rows.xlsx': () => {
    const empty: string[] = [];
    for (let line = 4; line <= 1_048_576; line++) empty.push(`<row r="${line}" s="1" customFormat="1"/>`);
    return workbookWith(HEAD + empty.join(''));
  },

  'row-beyond-excel.xlsx': () =>
    workbookWith(`${HEAD}<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>`),

  // A stray value in Excel's last column on 1,100 rows: 18 million cells, all but 1,100 empty.
  'stray-cells-far-right.xlsx': () => {
    const stray: string[] = [];
    for (let line = 4; line < 1104; line++)
      stray.push(`<row r="${line}"><c r="XFD${line}"><v>1</v></c></row>`);
    return workbookWith(HEAD + stray.join(''));
  },

  'merged-whole-sheet.xlsx': () =>
    buildZip([
      ...workbookParts(),
      {
        path: 'xl/worksheets/sheet1.xml',
        data: `${SHEET_START}${HEAD}</sheetData><mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells></worksheet>`,
      },
    ]),

  'rows-out-of-order.xlsx': () =>
    workbookWith(
      HEAD +
        rowXml(5, ['15/04/2024', 'Gamma Ltd', 300]) +
        rowXml(4, ['16/04/2024', 'Delta Ltd', 400]) +
        rowXml(6, ['17/04/2024', 'Epsilon Ltd', 500]),
    ),

  'excel-error-cells.xlsx': () => {
    const rows = rowsXml(paymentRows(40));
    return workbookWith(
      `${rows}<row r="42"><c r="A42" t="inlineStr"><is><t>20/04/2024</t></is></c><c r="B42" t="inlineStr"><is><t>Broken Formula Ltd</t></is></c><c r="C42" t="e"><v>#REF!</v></c></row>`,
    );
  },

  // Payment dates stored as dates (style 2 is dd/mm/yyyy); one is serial 1, 1 January 1900.
  'excel-date-1900.xlsx': () => {
    const dated = Array.from({ length: 40 }, (_, i) => {
      const line = i + 2;
      return `<row r="${line}"><c r="A${line}" s="2"><v>${45_395 + (i % 10)}</v></c><c r="B${line}" t="inlineStr"><is><t>Supplier ${i + 1} Ltd</t></is></c><c r="C${line}"><v>10</v></c></row>`;
    });
    return workbookWith(
      `${rowXml(1, ['Date', 'Supplier', 'Amount'])}${dated.join('')}<row r="42"><c r="A42" s="2"><v>1</v></c><c r="B42" t="inlineStr"><is><t>Old Ltd</t></is></c><c r="C42"><v>10</v></c></row>`,
    );
  },

  'excel-huge-number.xlsx': () =>
    workbookWith(
      rowsXml([
        ['Date', 'Supplier', 'Amount'],
        ['13/04/2024', 'Acme Ltd', 1e20],
      ]),
    ),

  'fifty-mb-field.csv': () =>
    utf8(
      crlf([
        'Date,Supplier,Description,Amount',
        `13/04/2024,Acme Ltd,"${'A'.repeat(50 * 1024 * 1024)}",100.00`,
        '14/04/2024,Beta Ltd,Gloves,200.00',
      ]),
    ),

  // Cells that made the date and payee patterns take quadratic time (minutes for these).
  'regex-hostile-cells.csv': () => {
    const run = (char: string) => `1${char.repeat(400_000)}x`;
    const lines = Array.from(
      { length: 40 },
      (_, i) => `${13 + (i % 16)}/04/2024,Supplier ${i + 1} Ltd,100.00`,
    );
    lines.splice(10, 0, `"${run(' ')}",Spaces In Date Ltd,100.00`);
    lines.splice(20, 0, `13/04/2024,"${'*'.repeat(400_000)}x",100.00`);
    lines.splice(30, 0, `13/04/2024,Spaces In Amount Ltd,"${run(' ')}"`);
    return utf8(crlf(['Date,Supplier,Amount', ...lines]));
  },
};

/** 4 GB of one row repeated, after a header and two good rows: 12 MB of deflate stream. */
async function rowsBomb(): Promise<{ bytes: Uint8Array; size: number }> {
  return repeatedDeflate(
    `${SHEET_START}${HEAD}`,
    '<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row>',
    65_536 * 1024,
    SHEET_END,
  );
}
