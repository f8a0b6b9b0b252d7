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

describe('normalising supplier names with and without accents', () => {
  it.each([
    ['Café Nero Group Ltd', 'Cafe Nero Group Ltd'],
    ['Cafe\u0301 Nero Group Ltd', 'CAFE NERO GROUP LTD'],
    ['Café Nero Group Ltd', 'Cafe\u0301 Nero Group Limited'],
    ['Nestlé UK Ltd', 'NESTLE UK LTD'],
    ['Hôpital Foch', 'Hopital Foch'],
    ['Zürich Insurance PLC', 'Zurich Insurance Public Limited Company'],
    ['Société Générale', 'SOCIETE GENERALE'],
    ['Ångström Laboratories', 'Angstrom Laboratories'],
    ['A\u030angstro\u0308m Laboratories', 'Ångström Laboratories'],
    ['Straße Medical GmbH', 'STRASSE MEDICAL GMBH'],
    ['STRAẞE MEDICAL GMBH', 'Strasse Medical GmbH'],
    ['Møller Medical Ltd', 'Moller Medical Ltd'],
    ['Encyclopædia Britannica', 'Encyclopaedia Britannica'],
    ['Œuvre Care', 'Oeuvre Care'],
    ['Łódź Supplies', 'Lodz Supplies'],
    ['İstanbul Textiles', 'Istanbul Textiles'],
  ])('treats "%s" and "%s" as the same supplier', (a, b) => {
    expect(normaliseSupplierName(a)).toBe(normaliseSupplierName(b));
  });

  it('drops the accents from the key itself, precomposed or decomposed', () => {
    expect(normaliseSupplierName('Café Nero Group Ltd')).toBe('cafe nero group ltd');
    expect(normaliseSupplierName('Cafe\u0301 Nero Group Ltd')).toBe('cafe nero group ltd');
    expect(normaliseSupplierName('Nestlé Health Science')).toBe('nestle health science');
    expect(normaliseSupplierName('Straße')).toBe('strasse');
    expect(normaliseSupplierName('Øresund Møller')).toBe('oresund moller');
  });

  it('leaves ASCII names, digits and all, as before', () => {
    expect(normaliseSupplierName('3M United Kingdom PLC')).toBe('3m united kingdom plc');
    expect(normaliseSupplierName('Acme 2010 Limited')).toBe('acme 2010 ltd');
    expect(normaliseSupplierName('B. Braun Medical Ltd')).toBe('b braun medical ltd');
    expect(normaliseSupplierName('Acme 2010 Ltd')).not.toBe(normaliseSupplierName('Acme 2011 Ltd'));
  });

  it('keeps marks that are not accents, so different words stay different suppliers', () => {
    // a kana voicing mark and an Indic vowel sign change the word; they are not accents
    expect(normaliseSupplierName('がく')).not.toBe(normaliseSupplierName('かく'));
    expect(normaliseSupplierName('कमला')).not.toBe(normaliseSupplierName('कमल'));
    expect(normaliseSupplierName('가나 Ltd')).toBe('가나 ltd');
  });
});

describe('normalising supplier names by a shortcut', () => {
  it('gives exactly what the rules written out in full give (accents folded always, every legal-form pattern always)', () => {
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
        'e\u0301',
        'ß',
        'Ø',
        'æ',
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
  const folded: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, '')
    .replace(/[ßæœøłđı]/g, (letter) => folded[letter] ?? letter)
    .normalize('NFC')
    .replace(/[.,'\u2018\u2019\u02bc`]/g, '')
    .replace(/&/g, ' and ')
    .replace(word('public\\s+(?:limited|ltd)\\s+company'), 'plc')
    .replace(word('community\\s+interest\\s+company'), 'cic')
    .replace(word('limited'), 'ltd')
    .replace(/\s+/g, ' ')
    .trim();
}
