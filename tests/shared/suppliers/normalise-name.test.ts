import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSupplierName } from '../../../shared/suppliers/index.ts';

describe('normalising supplier names', () => {
  it.each([
    ['Acme Limited', 'ACME LTD.'],
    ['acme ltd', 'Acme Limited'],
    ['Smith & Sons Ltd', 'Smith and Sons Limited'],
    ['Smith&Sons Ltd', 'smith and sons ltd'],
    ['Big Pharma Public Limited Company', 'BIG PHARMA PLC'],
    ['Big Pharma Public Ltd Company', 'big pharma p.l.c.'],
    ["St. John's Ambulance", 'st johns ambulance'],
    ['St John’s Ambulance', "ST JOHN'S AMBULANCE"],
    ['  Kent   Play\tC.I.C. ', 'Kent Play CIC'],
    ['Kent Play Community Interest Company', 'kent play cic'],
    ['ACME, LTD', 'acme ltd'],
    ['Kent Community Trust (Limited by Guarantee)', 'KENT COMMUNITY TRUST (LTD BY GUARANTEE)'],
    ['Big Pharma Public\u00a0Limited  Company', 'Big Pharma PLC'],
  ])('treats "%s" and "%s" as the same supplier', (a, b) => {
    expect(normaliseSupplierName(a)).toBe(normaliseSupplierName(b));
  });

  it('lower-cases, collapses whitespace and shortens legal forms', () => {
    expect(normaliseSupplierName('  Smith &  Sons   Limited. ')).toBe('smith and sons ltd');
    expect(normaliseSupplierName('Public Limited Company Supplies Limited')).toBe('plc supplies ltd');
  });

  it('keeps different suppliers apart', () => {
    expect(normaliseSupplierName('Acme Ltd')).not.toBe(normaliseSupplierName('Acme Holdings Ltd'));
    expect(normaliseSupplierName('Redactive Media Ltd')).not.toBe(normaliseSupplierName('Redacted'));
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const once = normaliseSupplierName(name);
        expect(normaliseSupplierName(once)).toBe(once);
      }),
    );
  });

  it('is idempotent on names built from legal-form words and punctuation', () => {
    const word = fc.constantFrom(
      'public',
      'limited',
      'Limited)',
      '(limited',
      'ltd',
      'company',
      'community',
      'interest',
      'cic',
      '&',
      'and',
      'acme',
      '.',
      ',',
      "'",
      ' ',
      '-',
      'C.I.C.',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const once = normaliseSupplierName(words.join(''));
        expect(normaliseSupplierName(once)).toBe(once);
        expect(normaliseSupplierName(normaliseSupplierName(words.join(' ')))).toBe(
          normaliseSupplierName(words.join(' ')),
        );
        expect(normaliseSupplierName(once)).toBe(once);
        expect(once).not.toMatch(/[.,'&]|\blimited\b|\s{2}|^\s|\s$/);
      }),
    );
  });
});

describe('normalising supplier names by a shortcut', () => {
  it('gives exactly what the rules written out in full give (NFKC always, every legal-form pattern always)', () => {
    const piece = fc.constantFrom(
      ...[
        'Public',
        'LIMITED',
        'limited',
        'Ltd',
        'company',
        'Community',
        'interest',
        'plc',
        'CIC',
        '&',
        'and',
      ],
      ...[
        ' ',
        '  ',
        '\t',
        '\u00a0',
        '.',
        ',',
        "'",
        '\u2019',
        '-',
        '(',
        ')',
        'A',
        'z',
        '1',
        'é',
        'ﬁ',
        'Ｌ',
        '\u0130',
      ],
    );
    const nameish = fc.oneof(
      fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join('')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(nameish, (name) => {
        expect(normaliseSupplierName(name)).toBe(normaliseInFull(name));
      }),
      { numRuns: 5000 },
    );
  });
});

function normaliseInFull(name: string): string {
  const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu');
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.,'\u2018\u2019\u02bc`]/g, '')
    .replace(/&/g, ' and ')
    .replace(word('public\\s+(?:limited|ltd)\\s+company'), 'plc')
    .replace(word('community\\s+interest\\s+company'), 'cic')
    .replace(word('limited'), 'ltd')
    .replace(/\s+/g, ' ')
    .trim();
}
