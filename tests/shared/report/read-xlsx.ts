import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A minimal XLSX reader that shares no code with exceljs: `unzip -p` for the parts, regular
 * expressions for the XML. Enough to check what a spreadsheet program would show.
 */
export type CellValue = string | number | null;

export interface ReadSheet {
  name: string;
  /** rows[0] is row 1; each row's cells[0] is column A. */
  rows: CellValue[][];
  /** Cells that hold a formula (`<f>`), by reference. */
  formulas: string[];
  xml: string;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  /** Every part of the package, concatenated, for "never appears anywhere" checks. */
  everything: string;
  sheet(name: string): ReadSheet;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
}

export function readXlsx(bytes: Uint8Array): ReadWorkbook {
  const dir = mkdtempSync(join(tmpdir(), 'socval-xlsx-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    const part = (name: string): string => {
      try {
        return execFileSync('unzip', ['-p', file, name.replace(/[[\]*?]/g, '\\$&')], {
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
        });
      } catch {
        return '';
      }
    };
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const everything = names.map(part).join('\n');

    const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      texts(m[1] ?? ''),
    );
    const rels = new Map(
      [...part('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s([^>]*)\/?>/g)].map((m) => [
        attribute(m[1] ?? '', 'Id') ?? '',
        attribute(m[1] ?? '', 'Target') ?? '',
      ]),
    );
    const sheets = [...part('xl/workbook.xml').matchAll(/<sheet\s([^>]*)\/?>/g)].map((m): ReadSheet => {
      const attrs = m[1] ?? '';
      const name = unescapeXml(attribute(attrs, 'name') ?? '');
      const target = rels.get(attribute(attrs, 'r:id') ?? '') ?? '';
      const xml = part(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      const rows: CellValue[][] = [];
      const formulas: string[] = [];
      for (const cell of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const [, letters = '', rowText = '', cellAttrs = '', body = ''] = cell;
        if (/<f[\s>/]/.test(body)) formulas.push(`${letters}${rowText}`);
        const type = attribute(cellAttrs, 't');
        const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: CellValue = null;
        if (type === 's') value = shared[Number(raw)] ?? null;
        else if (type === 'inlineStr') value = texts(body);
        else if (type === 'str' || type === 'e') value = raw === undefined ? null : unescapeXml(raw);
        else if (type === 'b') value = raw === undefined ? null : Number(raw);
        else if (raw !== undefined) value = Number(raw);
        const r = Number(rowText) - 1;
        const c = columnNumber(letters) - 1;
        const row = rows[r] ?? [];
        while (row.length < c) row.push(null);
        row[c] = value;
        rows[r] = row;
      }
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
      return { name, rows, formulas, xml };
    });
    return {
      sheets,
      everything,
      sheet(name) {
        const found = sheets.find((s) => s.name === name);
        if (!found) throw new Error(`no sheet named ${name}: ${sheets.map((s) => s.name).join(', ')}`);
        return found;
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows below the header row whose first cell is `header`, up to the first blank row. */
export function tableUnder(sheet: ReadSheet, header: string): CellValue[][] {
  const start = sheet.rows.findIndex((row) => row[0] === header);
  if (start < 0) throw new Error(`no header "${header}" on ${sheet.name}`);
  const body: CellValue[][] = [];
  for (const row of sheet.rows.slice(start + 1)) {
    if (row.every((cell) => cell === null || cell === '')) break;
    body.push(row);
  }
  return body;
}

/** A picture on a sheet: its bytes, the cell its top-left corner is in (0-based) and its size in pixels. */
export interface SheetPicture {
  bytes: Buffer;
  row: number;
  column: number;
  width: number;
  height: number;
}

/** EMUs per pixel at 96 dpi. */
const EMU_PER_PIXEL = 9525;

/** The pictures drawn on the named sheet, through the sheet's drawing part and its relationships. */
export function readSheetPictures(bytes: Uint8Array, sheetName: string): SheetPicture[] {
  const dir = mkdtempSync(join(tmpdir(), 'socval-xlsx-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    const binary = (name: string): Buffer =>
      execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 * 1024 * 1024 });
    const text = (name: string): string => {
      try {
        return binary(name).toString('utf8');
      } catch {
        return '';
      }
    };
    const relsOf = (partName: string): Map<string, string> => {
      const slash = partName.lastIndexOf('/');
      const rels = `${partName.slice(0, slash)}/_rels/${partName.slice(slash + 1)}.rels`;
      const base = partName.slice(0, slash);
      return new Map(
        [...text(rels).matchAll(/<Relationship\s([^>]*)\/?>/g)].map((m) => {
          const target = attribute(m[1] ?? '', 'Target') ?? '';
          const resolved = target.startsWith('/')
            ? target.slice(1)
            : `${base}/${target}`.replace(/[^/]+\/\.\.\//g, '');
          return [attribute(m[1] ?? '', 'Id') ?? '', resolved];
        }),
      );
    };
    const sheetId = [...text('xl/workbook.xml').matchAll(/<sheet\s([^>]*)\/?>/g)]
      .map((m) => m[1] ?? '')
      .find((attrs) => unescapeXml(attribute(attrs, 'name') ?? '') === sheetName);
    if (sheetId === undefined) throw new Error(`no sheet named ${sheetName}`);
    const sheetPart = relsOf('xl/workbook.xml').get(attribute(sheetId, 'r:id') ?? '') ?? '';
    const drawingId = /<drawing r:id="([^"]+)"/.exec(text(sheetPart))?.[1];
    if (drawingId === undefined) return [];
    const drawingPart = relsOf(sheetPart).get(drawingId) ?? '';
    const media = relsOf(drawingPart);
    return [
      ...text(drawingPart).matchAll(
        /<xdr:(?:oneCellAnchor|twoCellAnchor)[\s\S]*?<\/xdr:(?:oneCellAnchor|twoCellAnchor)>/g,
      ),
    ].map(([anchor]) => {
      const from = /<xdr:from>([\s\S]*?)<\/xdr:from>/.exec(anchor)?.[1] ?? '';
      const ext =
        /<xdr:ext cx="(\d+)" cy="(\d+)"/.exec(anchor) ?? /<a:ext cx="(\d+)" cy="(\d+)"/.exec(anchor);
      const embed = /<a:blip[^>]*r:embed="([^"]+)"/.exec(anchor)?.[1] ?? '';
      return {
        bytes: binary(media.get(embed) ?? ''),
        row: Number(/<xdr:row>(\d+)<\/xdr:row>/.exec(from)?.[1]),
        column: Number(/<xdr:col>(\d+)<\/xdr:col>/.exec(from)?.[1]),
        width: Number(ext?.[1]) / EMU_PER_PIXEL,
        height: Number(ext?.[2]) / EMU_PER_PIXEL,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
