import { constants, createDeflateRaw } from 'node:zlib';
import { buildZip, type ZipEntrySpec } from './build-zip.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export type XlsxValue = string | number | null;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `<row r="2">…</row>` with text as inline strings and numbers as values. */
export function rowXml(line: number, values: readonly XlsxValue[]): string {
  const cells = values.map((value, index) => {
    const ref = `${columnLetters(index)}${line}`;
    if (value === null) return '';
    if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  });
  return `<row r="${line}">${cells.join('')}</row>`;
}

/** The rows of a sheet from line 1, as `rowXml` gives them. */
export function rowsXml(rows: readonly (readonly XlsxValue[])[]): string {
  return rows.map((values, index) => rowXml(index + 1, values)).join('');
}

export const SHEET_START = `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_END = '</sheetData></worksheet>';

/**
 * The parts of a one-sheet workbook ("Payments") but its worksheet: content types, relationships, the
 * workbook and a style sheet whose style 1 fills a cell yellow (for "styled" empty rows) and style 2
 * shows a date.
 */
export function workbookParts(): ZipEntrySpec[] {
  return [
    {
      path: '[Content_Types].xml',
      data:
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    },
    {
      path: '_rels/.rels',
      data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      path: 'xl/workbook.xml',
      data: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      path: 'xl/_rels/workbook.xml.rels',
      data:
        `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE}/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      path: 'xl/styles.xml',
      data:
        `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
        '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" applyFill="1"/>' +
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    },
  ];
}

/** A one-sheet workbook whose worksheet holds `sheetData` (rows as `rowXml` writes them). */
export function workbookWith(sheetData: string, extra: readonly ZipEntrySpec[] = []): Uint8Array {
  return buildZip([
    ...workbookParts(),
    { path: 'xl/worksheets/sheet1.xml', data: `${SHEET_START}${sheetData}${SHEET_END}` },
    ...extra,
  ]);
}

/**
 * A raw deflate stream of `prefix`, then `unit` repeated `times` times (a multiple of 65,536), then
 * `suffix` — without ever holding the inflated text: one block of the repeats is deflated, and the
 * block that follows it (which refers only to the repeats before it) is the same bytes every time, so
 * it is repeated. Gigabytes come out of a few megabytes, as in a real "zip bomb".
 */
export async function repeatedDeflate(
  prefix: string,
  unit: string,
  times: number,
  suffix: string,
): Promise<{ bytes: Uint8Array; size: number }> {
  const perBlock = 65_536;
  if (times % perBlock !== 0 || times < 2 * perBlock) throw new Error('times must be a multiple of 65,536');
  const block = Buffer.from(unit.repeat(perBlock));
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const flushed = async (): Promise<Buffer> => {
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    return Buffer.concat(out.splice(0));
  };
  deflate.write(prefix);
  deflate.write(block);
  const first = await flushed();
  deflate.write(block);
  const repeated = await flushed();
  deflate.write(block);
  if (!(await flushed()).equals(repeated)) throw new Error('the repeated block did not repeat');
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  deflate.end(suffix);
  await ended;
  const last = Buffer.concat(out.splice(0));
  const blocks = times / perBlock;
  const bytes = Buffer.concat([first, ...new Array<Buffer>(blocks - 1).fill(repeated), last]);
  return { bytes: new Uint8Array(bytes), size: prefix.length + block.length * blocks + suffix.length };
}
