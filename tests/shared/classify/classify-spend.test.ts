import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassificationConfigError, classifySpend, REDACTED_NAME } from '../../../shared/classify/index.ts';
import type { ClassifiedSupplier } from '../../../shared/types.ts';
import { config, ledgerLine, record } from './helpers.ts';

/** Each line's supplier key, from `classifySpend`'s positions into its suppliers. */
const keysOf = ({
  suppliers,
  supplierIndexes,
}: {
  suppliers: ClassifiedSupplier[];
  supplierIndexes: Int32Array;
}) => [...supplierIndexes].map((index) => suppliers[index]?.key);

describe('matching ledger lines to suppliers', () => {
  const reference = [
    record(2, 'Acme Ltd', { supplierId: 'S1', companyNumber: '01234567' }),
    record(3, 'Beta Services Limited', { supplierId: 'S2', companyNumber: '07654321' }),
    record(4, 'Gamma & Sons Ltd'),
  ];

  it('matches by supplier ID first, even when the company number and name point elsewhere', () => {
    const line = ledgerLine('Gamma and Sons Limited', { supplierId: ' s1 ', companyNumber: '07654321' });
    const classified = classifySpend([line], reference, config);
    const { suppliers } = classified;
    expect(keysOf(classified)).toEqual(['ref:2']);
    expect(suppliers[0]).toMatchObject({ key: 'ref:2', name: 'Acme Ltd', matchedBy: 'supplier-id' });
    expect(suppliers[0]?.reference).toBe(reference[0]);
  });

  it('matches by the company number in the line when the ID is unknown', () => {
    const line = ledgerLine('Gamma and Sons Limited', { supplierId: 'S404', companyNumber: '7654321' });
    const { suppliers } = classifySpend([line], reference, config);
    expect(suppliers[0]).toMatchObject({
      key: 'ref:3',
      name: 'Beta Services Limited',
      matchedBy: 'company-number',
    });
  });

  it('matches by normalised name when neither ID nor company number matches', () => {
    const line = ledgerLine('GAMMA AND SONS LIMITED.', { companyNumber: '99999999' });
    const { suppliers } = classifySpend([line], reference, config);
    expect(suppliers[0]).toMatchObject({ key: 'ref:4', name: 'Gamma & Sons Ltd', matchedBy: 'name' });
  });

  it('groups unmatched payees by normalised name, showing the first spelling', () => {
    const lines = [
      ledgerLine('Delta Cleaning Ltd'),
      ledgerLine('DELTA CLEANING LIMITED'),
      ledgerLine('Epsilon Ltd'),
      ledgerLine('delta cleaning ltd.'),
    ];
    const classified = classifySpend(lines, reference, config);
    const { suppliers } = classified;
    expect(keysOf(classified)).toEqual([
      'name:delta cleaning ltd',
      'name:delta cleaning ltd',
      'name:epsilon ltd',
      'name:delta cleaning ltd',
    ]);
    expect(suppliers.map((s) => [s.key, s.name, s.matchedBy])).toEqual([
      ['name:delta cleaning ltd', 'Delta Cleaning Ltd', 'unmatched'],
      ['name:epsilon ltd', 'Epsilon Ltd', 'unmatched'],
    ]);
    expect(suppliers[0]?.reference).toBeUndefined();
    expect(suppliers[0]?.sme.decision).toBe('unknown');
  });

  it('puts every redacted line in one group that never shows a payee name', () => {
    const lines = [
      ledgerLine('REDACTED', { redacted: true }),
      ledgerLine('Mrs Jane Smith', { redacted: true, supplierId: 'S1', postcode: 'ME14 1XX' }),
      ledgerLine('Acme Ltd'),
    ];
    const classified = classifySpend(lines, reference, config);
    const { suppliers } = classified;
    expect(keysOf(classified)).toEqual(['redacted', 'redacted', 'ref:2']);
    const withheld = {
      decision: 'unknown',
      evidence: [{ rule: 'redacted', detail: 'payee withheld; counts in totals only' }],
    };
    expect(suppliers[0]).toEqual({
      key: 'redacted',
      name: REDACTED_NAME,
      matchedBy: 'redacted',
      local: withheld,
      sme: withheld,
      vcse: withheld,
    });
    expect(JSON.stringify(suppliers)).not.toContain('Jane Smith');
  });

  it('treats "Redactive Media Ltd" as an ordinary supplier', () => {
    const classified = classifySpend([ledgerLine('Redactive Media Ltd')], [], config);
    const { suppliers } = classified;
    expect(keysOf(classified)).toEqual(['name:redactive media ltd']);
    expect(suppliers[0]).toMatchObject({ name: 'Redactive Media Ltd', matchedBy: 'unmatched' });
  });
});

describe('classifying matched suppliers', () => {
  it('is local through a branch in the reference when the head office is outside', () => {
    const reference = [record(5, 'Acme Ltd', { postcode: 'SW1A 1AA', branchPostcodes: ['ME15 6AA'] })];
    const { suppliers } = classifySpend([ledgerLine('Acme Ltd')], reference, config);
    expect(suppliers[0]?.local).toEqual({
      decision: 'yes',
      basis: 'reference-postcode',
      proxy: false,
      method: 'postcode-district',
      evidence: [
        {
          rule: 'postcode-district',
          detail:
            'branch (supplier reference line 5) ME15 6AA is in postcode district ME15, which lies wholly inside Kent & Medway',
        },
      ],
    });
  });

  it('is local through a postcode on a ledger line, which counts as a branch', () => {
    const reference = [record(5, 'Acme Ltd', { postcode: 'SW1A 1AA' })];
    const lines = [
      ledgerLine('Acme Ltd'),
      ledgerLine('Acme Ltd', { file: 'may.csv', line: 40, postcode: 'CT2 7NZ' }),
    ];
    const { suppliers } = classifySpend(lines, reference, config);
    expect(suppliers[0]?.local.decision).toBe('yes');
    expect(suppliers[0]?.local.evidence[0]?.detail).toBe(
      'ledger line 40 of may.csv CT2 7NZ is in postcode district CT2, which lies wholly inside Kent & Medway',
    );
  });

  it('is not local when the head office and every ledger postcode are outside', () => {
    const reference = [record(5, 'Acme Ltd', { postcode: 'SW1A 1AA' })];
    const lines = [ledgerLine('Acme Ltd', { postcode: 'M1 1AE' })];
    const { suppliers } = classifySpend(lines, reference, config);
    expect(suppliers[0]?.local.decision).toBe('no');
    expect(suppliers[0]?.local.evidence.map((e) => e.detail)).toEqual([
      'head office (supplier reference line 5) SW1A 1AA is in postcode district SW1A, outside Kent & Medway',
      'ledger line ' +
        lines[0]?.line +
        ' of april.csv M1 1AE is in postcode district M1, outside Kent & Medway',
    ]);
  });

  it('is unknown for a head office in TN8 until an ONS lookup decides it', () => {
    const reference = [record(5, 'Edenbridge Joinery Ltd', { postcode: 'TN8 5AB' })];
    const line = ledgerLine('Edenbridge Joinery Ltd');
    expect(classifySpend([line], reference, config).suppliers[0]?.local.decision).toBe('unknown');
    const withLookup = { ...config, postcodeLookup: new Map([['TN85AB', 'E07000111']]) };
    expect(classifySpend([line], reference, withLookup).suppliers[0]?.local.decision).toBe('yes');
  });

  it('uses the company number on an unmatched ledger line for VCSE', () => {
    const { suppliers } = classifySpend(
      [ledgerLine('Kent Carers', { companyNumber: 'CE009876' })],
      [],
      config,
    );
    expect(suppliers[0]?.vcse.decision).toBe('yes');
  });

  it('classifies SME, VCSE and local independently: one supplier can be all three', () => {
    const reference = [
      record(6, 'Kent Play CIC', { postcode: 'ME14 1XX', employees: 8, turnover: 30_000_000 }),
    ];
    const [supplier] = classifySpend([ledgerLine('Kent Play C.I.C.')], reference, config).suppliers;
    expect([supplier?.local.decision, supplier?.sme.decision, supplier?.vcse.decision]).toEqual([
      'yes',
      'yes',
      'yes',
    ]);
  });

  it('refuses the EU SME definition without a usable exchange rate', () => {
    expect(() => classifySpend([], [], { ...config, smeDefinition: 'eu-2003-361', eurToGbp: 0 })).toThrow(
      ClassificationConfigError,
    );
  });
});

describe('classification invariants', () => {
  const names = ['Acme Ltd', 'ACME LIMITED', 'Beta plc', 'Kent Play CIC', 'REDACTED', 'Zeta', ''];
  const lineArb = fc.record({
    supplier: fc.constantFrom(...names),
    supplierId: fc.option(fc.constantFrom('S1', 'S2', 'S9'), { nil: undefined }),
    companyNumber: fc.option(fc.constantFrom('01234567', '07654321', 'CE000001'), { nil: undefined }),
    postcode: fc.option(fc.constantFrom('ME14 1XX', 'SW1A 1AA', 'TN8 5AB'), { nil: undefined }),
    redacted: fc.boolean(),
  });
  const reference = [
    record(2, 'Acme Ltd', { supplierId: 'S1' }),
    record(3, 'Beta plc', { supplierId: 'S2', companyNumber: '07654321' }),
    record(4, 'Kent Play CIC', { companyNumber: '01234567' }),
  ];

  it('gives every line exactly one key, and every key exactly one supplier', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (specs) => {
        const lines = specs.map(({ supplier, ...rest }) => {
          const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
          return ledgerLine(supplier, extra);
        });
        const classified = classifySpend(lines, reference, config);
        const { suppliers } = classified;
        const supplierKeys = keysOf(classified);
        expect(supplierKeys).toHaveLength(lines.length);
        const keys = suppliers.map((s) => s.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(supplierKeys)).toEqual(new Set(keys));
        lines.forEach((line, i) => {
          if (line.redacted) expect(supplierKeys[i]).toBe('redacted');
        });
        for (const supplier of suppliers) {
          for (const category of [supplier.local, supplier.sme, supplier.vcse]) {
            expect(category.evidence.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });
});
