import { buildZip } from '../../bad-input/build-zip.ts';

/** A workbook's parts, written as a tool other than exceljs might write them. */
export interface XlsxParts {
  /** Each worksheet's `<sheetData>` content (or the whole part, when it starts with `<?xml` or `<`). */
  sheets: string[];
  /** The shared strings' `<si>` contents. */
  sharedStrings?: string[];
  /** The number format of each style (`cellXfs` entry), by index: a built-in id or a format code. */
  styles?: (number | string)[];
  /** The 1904 date system: `true` writes `date1904="1"` as Excel does; a string writes it as given (LibreOffice writes "true"). */
  date1904?: boolean | string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A worksheet part holding `sheetData` (and `after` it, merges and the like). */
export function sheetXml(sheetData: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** The .xlsx bytes of `parts`. */
export function buildXlsx(parts: XlsxParts): Uint8Array {
  const styles = parts.styles ?? [0];
  const custom = [...new Set(styles.filter((style): style is string => typeof style === 'string'))];
  const numFmtId = (style: number | string) =>
    typeof style === 'number' ? style : 164 + custom.indexOf(style);
  const escapeXml = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sheets = parts.sheets.map((xml) =>
    /^<(\?xml|!DOCTYPE|(\w+:)?worksheet)/.test(xml) ? xml : sheetXml(xml),
  );
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><workbookPr${parts.date1904 === true ? ' date1904="1"' : typeof parts.date1904 === 'string' ? ` date1904="${parts.date1904}"` : ''}/><sheets>${sheets.map((_, i) => `<sheet name="Sheet ${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    // Sheets before the shared strings and styles, as Excel stores them.
    ...sheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${parts.sharedStrings?.length ?? 0}" uniqueCount="${parts.sharedStrings?.length ?? 0}">${(parts.sharedStrings ?? []).map((si) => `<si>${si}</si>`).join('')}</sst>`,
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="${custom.length}">${custom.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${styles.length}">${styles.map((style) => `<xf numFmtId="${numFmtId(style)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    ],
  ];
  return buildZip(entries.map(([path, data]) => ({ path, data })));
}
