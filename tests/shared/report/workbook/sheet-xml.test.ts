import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeXml,
  SharedStrings,
  SheetXmlError,
  sharedStringItem,
} from '../../../../shared/report/workbook/sheet-xml.ts';
import { columnLetters } from '../../../../shared/table/column-letters.ts';

/** What exceljs drops from text: the C0 controls other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const DROPPED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// exceljs's own text encoding and shared-string item, which the deferred rows must match exactly.
const require = createRequire(import.meta.url);
const { xmlEncode } = require('exceljs/lib/utils/utils.js') as { xmlEncode: (text: string) => string };
const SharedStringXform = require('exceljs/lib/xlsx/xform/strings/shared-string-xform.js') as new () => {
  toXml: (model: string) => string;
};
const SharedStringsXform = require('exceljs/lib/xlsx/xform/strings/shared-strings-xform.js') as new () => {
  add: (value: string) => number;
  toXml: (model: unknown) => string;
  model: unknown;
};

/** Text that leans on what needs care: markup, quotes, controls, white space at the ends, non-ASCII. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '&',
      '<',
      '>',
      '"',
      "'",
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u0001',
      '\u000b',
      '\u001f',
      '\u007f',
      '\u0080',
      'é',
      '—',
      '🚑',
      '\ud800',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('SpreadsheetML text as exceljs writes it', () => {
  it('encodes text exactly as exceljs does', () => {
    fc.assert(
      fc.property(awkwardText, (text) => {
        expect(encodeXml(text)).toBe(xmlEncode(text));
      }),
      { numRuns: 2000 },
    );
    expect(encodeXml('a & b <c> "d" \'e\' \u0001\u007f\t\n\r')).toBe(
      'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; \t\n\r',
    );
  });

  it('writes a shared string item exactly as exceljs does', () => {
    const xform = new SharedStringXform();
    fc.assert(
      fc.property(awkwardText, (text) => {
        expect(`<si>${sharedStringItem(text)}</si>`).toBe(xform.toXml(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('names columns as spreadsheets do', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});

describe('shared strings appended to exceljs’s', () => {
  function exceljsStrings(texts: string[]): string {
    const xform = new SharedStringsXform();
    for (const text of texts) xform.add(text);
    return xform.toXml(xform.model);
  }

  it('keeps exceljs’s indexes, adds each new string once, and counts every use', () => {
    fc.assert(
      fc.property(
        fc.array(awkwardText, { maxLength: 20 }),
        fc.array(awkwardText, { maxLength: 20 }),
        (before, after) => {
          const strings = new SharedStrings(exceljsStrings(before));
          const indexes = after.map((text) => strings.add(text));
          // The same as exceljs given every string in that order, except where exceljs's copy of a string it
          // cannot write whole (a control character dropped) stands for another.
          const expected = exceljsStrings([...before, ...after]);
          const xml = strings.toXml();
          if (![...before, ...after].some((t) => DROPPED_CONTROLS.test(t))) {
            expect(xml).toBe(expected);
          }
          const items = [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
          // Each added cell's item holds its text (what XML can hold of it).
          after.forEach((text, i) => {
            const item = items[indexes[i] as number] ?? '';
            expect(item.replace(/^<t[^>]*>|<\/t>$/g, '')).toBe(encodeXml(text));
          });
          expect(xml).toContain(`count="${before.length + after.length}"`);
          expect(xml).toContain(`uniqueCount="${items.length}"`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes away the cells it is told were removed', () => {
    const strings = new SharedStrings(exceljsStrings(['a', 'b', 'a']));
    strings.countCells(-2);
    strings.add('c');
    expect(strings.toXml()).toContain('count="2" uniqueCount="3"');
  });

  it('refuses a part that is not exceljs’s shared strings', () => {
    expect(() => new SharedStrings('<workbook/>')).toThrow(SheetXmlError);
  });
});
