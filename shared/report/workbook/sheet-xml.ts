/**
 * SpreadsheetML text written as exceljs 4.4 writes it, character for character: what the deferred rows
 * (`deferred-rows.ts`) need to put rows of their own beside exceljs's.
 */

import { decodeXmlEntities } from '../../table/xml-entities.ts';

/** What exceljs's `utils.xmlEncode` escapes or drops: markup characters, and controls XML 1.0 forbids. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NEEDS_ENCODING = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ENCODE_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITIES: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * Text as exceljs writes it in XML: `& < > " '` as entities; the C0 controls other than tab, line feed
 * and carriage return, and DEL, dropped (XML 1.0 cannot hold them; Excel would refuse the file).
 */
export function encodeXml(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  return text.replace(ENCODE_ALL, (ch) => ENTITIES[ch] ?? '');
}

const SPACE = /\s/;

/**
 * A shared string item's content as exceljs writes it: `<t>`, keeping surrounding space and line breaks
 * (exceljs tests `/^\s|\n|\s$/`; this looks at the ends and for a line feed, without a scan per place).
 */
export function sharedStringItem(text: string): string {
  const preserve =
    text.length > 0 &&
    (SPACE.test(text.charAt(0)) || SPACE.test(text.charAt(text.length - 1)) || text.includes('\n'));
  return preserve ? `<t xml:space="preserve">${encodeXml(text)}</t>` : `<t>${encodeXml(text)}</t>`;
}

/** A problem with a part exceljs wrote: it is not in the shape this module relies on. */
export class SheetXmlError extends Error {
  override name = 'SheetXmlError';
}

const SST_OPEN = /<sst\b[^>]*>/;

/** A plain item as exceljs writes one (not rich text). */
const PLAIN_ITEM = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/;

/**
 * The workbook's shared strings (`xl/sharedStrings.xml`) as exceljs wrote them, with more appended. A
 * string exceljs already holds keeps its index, as exceljs would have given it, and each string is
 * kept once.
 */
export class SharedStrings {
  /** Each string's index, by its text. */
  readonly #index = new Map<string, number>();
  /** The strings after exceljs's. */
  readonly #added: string[] = [];
  readonly #head: string;
  readonly #open: string;
  readonly #items: string;
  /** The cells that use a shared string. */
  #count: number;
  #size = 0;

  constructor(xml: string) {
    const open = SST_OPEN.exec(xml);
    const empty = open?.[0].endsWith('/>') === true; // <sst … count="0" uniqueCount="0"/>
    const close = empty ? -1 : xml.lastIndexOf('</sst>');
    if (open === null || (!empty && close < 0))
      throw new SheetXmlError('sharedStrings.xml has no <sst> element');
    this.#count = Number(/\bcount="(\d+)"/.exec(open[0])?.[1] ?? Number.NaN);
    if (!Number.isInteger(this.#count)) throw new SheetXmlError('sharedStrings.xml has no count');
    this.#head = xml.slice(0, open.index);
    this.#open = empty ? `${open[0].slice(0, -2)}>` : open[0];
    this.#items = empty ? '' : xml.slice(open.index + open[0].length, close);
    for (const [, content = ''] of this.#items.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
      const plain = PLAIN_ITEM.exec(content);
      if (plain !== null) {
        const text = decodeXmlEntities(plain[1] ?? '');
        if (!this.#index.has(text)) this.#index.set(text, this.#size);
      }
      this.#size++;
    }
  }

  /** The index of a cell's string, counting the cell. */
  add(text: string): number {
    this.#count++;
    let at = this.#index.get(text);
    if (at === undefined) {
      at = this.#size++;
      this.#index.set(text, at);
      this.#added.push(text);
    }
    return at;
  }

  /**
   * Counts `n` more cells that use a string (one already added, whose index the caller kept), or with
   * `n` negative, fewer (cells of exceljs's that were taken out).
   */
  countCells(n: number): void {
    this.#count += n;
  }

  /** The part, with the added strings after exceljs's and both counts updated. */
  toXml(): string {
    return [...this.pieces()].join('');
  }

  /** {@link toXml} in pieces of about `size` characters, so that the whole need not be held at once. */
  *pieces(size = 1 << 20): Generator<string> {
    const open = this.#open
      .replace(/\bcount="\d+"/, `count="${this.#count}"`)
      .replace(/\buniqueCount="\d+"/, `uniqueCount="${this.#size}"`);
    if (this.#size === 0) {
      yield `${this.#head}${open.slice(0, -1)}/>`;
      return;
    }
    // Each piece joined from its items rather than grown by `+=`: a rope of thousands of nodes per piece,
    // alive for as long as the piece is made, would reach V8's old generation and stay, garbage.
    let items: string[] = [`${this.#head}${open}${this.#items}`];
    let length = (items[0] as string).length;
    for (const text of this.#added) {
      const item = `<si>${sharedStringItem(text)}</si>`;
      items.push(item);
      length += item.length;
      if (length >= size) {
        yield items.join('');
        items = [];
        length = 0;
      }
    }
    items.push('</sst>');
    yield items.join('');
  }
}
