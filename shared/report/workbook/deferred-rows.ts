import type ExcelJS from 'exceljs';
import { columnLetters } from '../../table/column-letters.ts';
import { decodeXmlEntities } from '../../table/xml-entities.ts';
import type { Column, ColumnPlace, Row, Rows } from './add-table.ts';
import { repackStoredZip, type ZipContents, type ZipRewrite } from './deflate-zip.ts';
import { SharedStrings, SheetXmlError } from './sheet-xml.ts';

/**
 * A table whose rows exceljs was given only the first of: the template row, whose cells' styles the
 * other rows copy. Every row of a table has the same style per column (`add-table.ts` gives each column
 * one style object), so one template holds them all.
 */
export interface DeferredTable {
  /** The template row's number on the sheet as exceljs holds it. */
  template: number;
  /** Asked for one at a time as they are written (lazy rows are made then, and let go). */
  rows: Rows;
  columns: readonly Column[];
  places: readonly ColumnPlace[];
  /** A row's height in points, or undefined for one line (as `add-table.ts` sizes a row). */
  height: (cells: Row) => number | undefined;
}

interface DeferredSheet {
  tables: DeferredTable[];
  /** How many rows exceljs has not been given: the sheet's row numbers lag by as many. */
  lag: number;
}

/**
 * The rows of the big tables (Suppliers, Data quality, To review), written into the package exceljs
 * wrote rather than by exceljs. exceljs keeps a cell object and a model per cell and builds each
 * sheet's XML as one array of strings: for 20,000 suppliers that took 3.8 s and 560 MiB. Here each
 * row is one string, written as exceljs would write it: the same elements and attributes in the same
 * order, the template's style indexes, numbers as JavaScript prints them, text as shared strings
 * (appended to exceljs's, which keep their indexes).
 *
 * exceljs writes everything else: the header, the template, the rows around the tables, widths,
 * styles, filters, merged cells, print settings, pictures. Row numbers after a deferred table move
 * down by its other rows; the places `add-table.ts` returns already count them.
 */
export class DeferredRows {
  readonly #sheets = new Map<string, DeferredSheet>();

  /** How far the sheet's row numbers in exceljs lag the rows as written. */
  lagOf(sheet: ExcelJS.Worksheet): number {
    return this.#sheets.get(sheet.name)?.lag ?? 0;
  }

  defer(sheet: ExcelJS.Worksheet, table: DeferredTable): void {
    const deferred = this.#sheets.get(sheet.name) ?? { tables: [], lag: 0 };
    deferred.tables.push(table);
    deferred.lag += table.rows.length - 1;
    this.#sheets.set(sheet.name, deferred);
  }

  /**
   * The package exceljs wrote with `STORE` (`writeBuffer({ zip: { compression: 'STORE' } })`), with
   * the deferred rows in their sheets, then deflated.
   */
  writeInto(stored: Uint8Array): Promise<Uint8Array> {
    return repackStoredZip(stored, (contents) => this.#rewrite(contents));
  }

  *#rewrite(contents: ZipContents): ZipRewrite {
    if (this.#sheets.size === 0) return;
    const text = (name: string): string => {
      const bytes = contents.get(name);
      if (bytes === undefined) throw new SheetXmlError(`no ${name} in the package`);
      return bytes.toString('utf8');
    };
    const parts = sheetParts(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels'));
    const strings = new SharedStrings(text('xl/sharedStrings.xml'));
    for (const [name, deferred] of this.#sheets) {
      const part = parts.get(name);
      if (part === undefined) throw new SheetXmlError(`no sheet named ${name} in xl/workbook.xml`);
      yield [part, writeSheet(text(part), deferred, strings)];
    }
    // After the sheets, which add to it.
    yield [
      'xl/sharedStrings.xml',
      (function* () {
        for (const piece of strings.pieces(PIECE)) yield Buffer.from(piece, 'utf8');
      })(),
    ];
  }
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
}

/** Each sheet's part name (`xl/worksheets/sheet3.xml`), by sheet name. */
function sheetParts(workbook: string, relationships: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [, attributes = ''] of relationships.matchAll(/<Relationship(\s[^>]*)>/g)) {
    const target = attribute(attributes, 'Target') ?? '';
    targets.set(attribute(attributes, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const [, attributes = ''] of workbook.matchAll(/<sheet(\s[^>]*)>/g)) {
    const encoded = attribute(attributes, 'name');
    const name = encoded === undefined ? undefined : decodeXmlEntities(encoded);
    const target = targets.get(attribute(attributes, 'r:id') ?? '');
    if (name !== undefined && target !== undefined) parts.set(name, target);
  }
  return parts;
}

/** A worksheet element after `<sheetData>` that refers to rows, which this module does not move. */
const ROW_REFERENCES =
  /<(?:drawing|legacyDrawing|hyperlinks|conditionalFormatting|dataValidations|tableParts|rowBreaks|ignoredErrors)\b/;

/** A row of exceljs's `<sheetData>`: `<row r="4" …>…</row>` (or empty, `<row r="4" …/>`). */
const ROW = /<row r="(\d+)"([^>]*?)(\/>|>[\s\S]*?<\/row>)/g;

/** A cell's reference inside a row: ` r="B12"`. */
const CELL_REFERENCE = /(<c r="[A-Z]+)(\d+)"/g;

/** A range or cell reference, `A1:R20004` or `A1`. */
const RANGE = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/;

/** Pieces handed on to be deflated are about this many bytes. */
const PIECE = 1 << 18;
/**
 * Text is taken as UTF-8 every this many characters: short-lived strings, which the young generation
 * collects, rather than a rope of a whole piece that lives long enough to be promoted.
 */
const RUN = 1 << 15;

/** Text gathered into pieces of about {@link PIECE} bytes of UTF-8. */
class Output {
  #text = '';
  readonly #runs: Buffer[] = [];
  #bytes = 0;

  /** Adds text; returns a full piece to hand on, if that filled one. */
  write(text: string): Buffer | undefined {
    this.#text += text;
    if (this.#text.length < RUN) return undefined;
    this.#encode();
    return this.#bytes >= PIECE ? this.take() : undefined;
  }

  #encode(): void {
    const run = Buffer.from(this.#text, 'utf8');
    this.#text = '';
    this.#runs.push(run);
    this.#bytes += run.length;
  }

  take(): Buffer {
    if (this.#text.length > 0) this.#encode();
    const piece = Buffer.concat(this.#runs, this.#bytes);
    this.#runs.length = 0;
    this.#bytes = 0;
    return piece;
  }
}

/**
 * A deferred table's template, as every row written from it needs it: each cell's XML split around
 * its row number and value, worked out once.
 */
interface Template {
  table: DeferredTable;
  /** Where its rows start, as written. */
  first: number;
  /** `<row r="…"` is followed by the height, then these attributes (`spans`, `x14ac:dyDescent`, …). */
  rowAttributes: string;
  cells: TemplateCell[];
  /** Its shared-string cells, which the written rows replace. */
  stringCells: number;
}

/** A table column's cell: `<c r="B`, the row number, then one of the rest by the value's kind. */
interface TemplateCell {
  start: string;
  /** `" s="7"><v>` before a number. */
  number: string;
  /** `" s="7" t="s"><v>` before a shared string's index. */
  text: string;
  /** `" s="7"/>` for no value; undefined when exceljs leaves out such a cell (it has no style). */
  empty: string | undefined;
  /** The empty cells it is merged over, as the template has them, split around the row number. */
  merged: [string, string][];
}

function parseTemplate(table: DeferredTable, first: number, attributes: string, body: string): Template {
  const cells = new Map<string, { style: string; rest: string; empty: boolean }>();
  for (const [, letters = '', rest = '', end = ''] of body.matchAll(
    /<c r="([A-Z]+)\d+"([^>]*?)(\/>|>[\s\S]*?<\/c>)/g,
  )) {
    const style = attribute(rest, 's');
    cells.set(letters, { style: style === undefined ? '' : ` s="${style}"`, rest, empty: end === '/>' });
  }
  return {
    table,
    first,
    rowAttributes: attributes.replace(/\s(?:ht|customHeight)="[^"]*"/g, ''),
    stringCells: (body.match(/\st="s"/g) ?? []).length,
    cells: table.places.map(({ start, span }): TemplateCell => {
      const merged: [string, string][] = [];
      for (let column = start + 1; column < start + span; column++) {
        const other = columnLetters(column);
        const cell = cells.get(other);
        if (cell === undefined) continue;
        if (!cell.empty) throw new SheetXmlError(`merged cell ${other}${first} holds a value`);
        merged.push([`<c r="${other}`, `"${cell.rest}/>`]);
      }
      const style = cells.get(columnLetters(start))?.style ?? '';
      return {
        start: `<c r="${columnLetters(start)}`,
        number: `"${style}><v>`,
        text: `"${style} t="s"><v>`,
        empty: style === '' ? undefined : `"${style}/>`,
        merged,
      };
    }),
  };
}

/**
 * Writes a deferred table's rows as exceljs writes a row and its cells (`row-xform.js`, `cell-xform.js`):
 * a null value as an empty cell with its style (none without one), a number as JavaScript prints it
 * (as exceljs's `toString`), text as a shared string.
 */
function* writeRows(template: Template, strings: SharedStrings, out: Output): Generator<Buffer> {
  const { table, first, rowAttributes, cells } = template;
  const { rows } = table;
  // Each column's last text and its shared string's index: a column of labels repeats them row after
  // row, and comparing with the last is cheaper than looking the text up.
  const lastText: (string | undefined)[] = cells.map(() => undefined);
  const lastIndex: string[] = cells.map(() => '');
  for (let i = 0; i < rows.length; i++) {
    const values = rows.at(i) as Row;
    const r = String(first + i);
    const height = table.height(values);
    let xml =
      height === undefined
        ? `<row r="${r}"${rowAttributes}>`
        : `<row r="${r}" ht="${height}" customHeight="1"${rowAttributes}>`;
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index] as TemplateCell;
      const value = values[index] ?? null;
      if (value === null) {
        if (cell.empty !== undefined) xml += cell.start + r + cell.empty;
      } else if (typeof value === 'number') {
        xml += `${cell.start}${r}${cell.number}${value}</v></c>`;
      } else {
        let at: string;
        if (value === lastText[index]) {
          strings.countCells(1);
          at = lastIndex[index] as string;
        } else {
          at = String(strings.add(value));
          lastText[index] = value;
          lastIndex[index] = at;
        }
        xml += `${cell.start}${r}${cell.text}${at}</v></c>`;
      }
      for (const [before, after] of cell.merged) xml += before + r + after;
    }
    const piece = out.write(`${xml}</row>`);
    if (piece !== undefined) yield piece;
  }
}

/** `A1:R8` with its last row moved down by `by`. */
function extendRange(range: string, by: number): string {
  const match = RANGE.exec(range);
  if (match === null) throw new SheetXmlError(`cannot read the range ${range}`);
  const [, left = '', top = '', right, bottom] = match;
  return right === undefined
    ? `${left}${top}:${left}${Number(top) + by}`
    : `${left}${top}:${right}${Number(bottom) + by}`;
}

/**
 * exceljs's sheet with its deferred tables' rows written in place of their templates: the rows after
 * each table moved down, the dimension and merged cells to match.
 */
function* writeSheet(xml: string, deferred: DeferredSheet, strings: SharedStrings): Generator<Buffer> {
  const open = xml.indexOf('<sheetData>');
  const close = xml.indexOf('</sheetData>');
  if (open < 0 || close < open) throw new SheetXmlError('a sheet with deferred rows has no <sheetData>');
  const bodyStart = open + '<sheetData>'.length;
  const tail = xml.slice(close);
  if (ROW_REFERENCES.test(tail))
    throw new SheetXmlError('a sheet with deferred rows refers to rows after them');
  const tables = [...deferred.tables].sort((a, b) => a.template - b.template);
  /** How far a row of exceljs's moves down: the other rows of the deferred tables above it. */
  const shiftOf = (row: number): number => {
    let shift = 0;
    for (const table of tables) if (table.template < row) shift += table.rows.length - 1;
    return shift;
  };
  const shiftRow = (row: number): number => row + shiftOf(row);

  const out = new Output();
  const head = out.write(
    xml.slice(0, bodyStart).replace(/(<dimension ref=")([^"]+)(")/, (_, before, range, after) => {
      return `${before}${extendRange(range, deferred.lag)}${after}`;
    }),
  );
  if (head !== undefined) yield head;
  const templates = new Map<number, Template>();
  const body = xml.slice(bodyStart, close);
  let next = 0;
  for (const match of body.matchAll(ROW)) {
    const [whole, number = '', attributes = '', content = ''] = match;
    if (match.index !== next) throw new SheetXmlError(`unexpected text in <sheetData> at ${next}`);
    next = match.index + whole.length;
    const row = Number(number);
    const table = tables.find((t) => t.template === row);
    if (table === undefined) {
      const shift = shiftOf(row);
      const piece = out.write(
        shift === 0
          ? whole
          : `<row r="${row + shift}"${attributes}${content.replace(CELL_REFERENCE, (_, cell, n) => `${cell}${Number(n) + shift}"`)}`,
      );
      if (piece !== undefined) yield piece;
      continue;
    }
    const template = parseTemplate(table, shiftRow(row), attributes, content);
    templates.set(row, template);
    strings.countCells(-template.stringCells);
    yield* writeRows(template, strings, out);
  }
  if (next !== body.length) throw new SheetXmlError(`unexpected text in <sheetData> at ${next}`);
  if (templates.size !== tables.length) throw new SheetXmlError('a deferred table has no template row');
  const end = out.write(moveMerges(tail, templates, tables, shiftRow));
  if (end !== undefined) yield end;
  yield out.take();
}

/**
 * The sheet's tail with its merged ranges moved as the rows: a template row's ranges repeated on each of
 * its table's rows, the others moved down by the deferred rows above them.
 */
function moveMerges(
  tail: string,
  templates: ReadonlyMap<number, Template>,
  tables: readonly DeferredTable[],
  shiftRow: (row: number) => number,
): string {
  return tail.replace(/<mergeCells count="\d+">([\s\S]*?)<\/mergeCells>/, (_, merges: string) => {
    const refs: string[] = [];
    // exceljs lists merged ranges row by row; a template row's ranges repeat, in order, on each row.
    let pending: { template: Template; columns: [string, string][] } | undefined;
    const flush = () => {
      if (pending === undefined) return;
      for (let i = 0; i < pending.template.table.rows.length; i++) {
        const r = pending.template.first + i;
        for (const [left, right] of pending.columns) refs.push(`${left}${r}:${right}${r}`);
      }
      pending = undefined;
    };
    for (const [, range = ''] of merges.matchAll(/<mergeCell ref="([^"]+)"\/>/g)) {
      const match = RANGE.exec(range);
      if (match === null) throw new SheetXmlError(`cannot read the merged range ${range}`);
      const [, left = '', top = '', right = left, bottom = top] = match;
      const template = templates.get(Number(top));
      if (template !== undefined) {
        if (bottom !== top) throw new SheetXmlError(`merged range ${range} leaves its template row`);
        if (pending?.template !== template) flush();
        pending ??= { template, columns: [] };
        pending.columns.push([left, right]);
        continue;
      }
      flush();
      const from = Number(top);
      const to = Number(bottom);
      if (tables.some((t) => from < t.template && t.template <= to)) {
        throw new SheetXmlError(`merged range ${range} spans deferred rows`);
      }
      refs.push(`${left}${shiftRow(from)}:${right}${shiftRow(to)}`);
    }
    flush();
    return `<mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
  });
}
