import { describe, expect, it } from 'vitest';
import { decideVcse, isCicName } from '../../../shared/classify/index.ts';
import type { SupplierRecord } from '../../../shared/types.ts';
import { record } from './helpers.ts';

const fromRecord = (name: string, facts: Partial<SupplierRecord> = {}) => {
  const ref = record(4, name, facts);
  const companyNumbers = ref.companyNumber
    ? [{ companyNumber: ref.companyNumber, source: 'supplier reference line 4' }]
    : [];
  return decideVcse({ record: ref, names: [name], companyNumbers });
};

describe('VCSE', () => {
  it.each([
    ['1123456', 'Charity Commission for England and Wales'],
    ['212345', 'Charity Commission for England and Wales'],
    ['SC012345', 'Scottish Charity Regulator (OSCR)'],
    ['NIC100001', 'Charity Commission for Northern Ireland'],
  ])('is yes for registered charity %s (%s)', (charityNumber, register) => {
    const decision = fromRecord('Kent Hospice', { charityNumber });
    expect(decision.decision).toBe('yes');
    expect(decision.evidence).toEqual([
      {
        rule: 'charity-number',
        detail: `registered charity ${charityNumber} (${register}), from supplier reference line 4`,
      },
    ]);
  });

  it.each([
    ['CE001234', 'cio-number', 'charitable incorporated organisation'],
    ['CS000123', 'cio-number', 'Scottish charitable incorporated organisation'],
    ['RS007682', 'registered-society', 'registered society'],
    ['IP28037R', 'registered-society', 'industrial and provident society'],
    ['SP02207R', 'registered-society', 'industrial and provident society'],
    ['NP000123', 'registered-society', 'industrial and provident society'],
  ])('is yes for company number %s (%s)', (companyNumber, rule, kind) => {
    const decision = fromRecord('Community Energy Co-operative', { companyNumber });
    expect(decision.decision).toBe('yes');
    expect(decision.evidence[0]?.rule).toBe(rule);
    expect(decision.evidence[0]?.detail).toContain(kind);
  });

  it('is yes for a CIO number carried on a ledger line, with no reference record', () => {
    const decision = decideVcse({
      names: ['Kent Carers'],
      companyNumbers: [{ companyNumber: 'CE009876', source: 'ledger line 12 of april.csv' }],
    });
    expect(decision.decision).toBe('yes');
    expect(decision.evidence[0]?.detail).toContain('ledger line 12 of april.csv');
  });

  it.each([
    'Kent Play CIC',
    'Kent Play C.I.C.',
    'KENT PLAY C I C',
    'Kent Play Community Interest Company',
    'Kent Play (CIC)',
    'Chwarae Caint Cwmni Buddiant Cymunedol',
  ])('is yes for a name ending CIC: %s', (name) => {
    expect(isCicName(name)).toBe(true);
    expect(decideVcse({ names: [name], companyNumbers: [] })).toMatchObject({
      decision: 'yes',
      evidence: [{ rule: 'cic-name' }],
    });
  });

  it.each(['Cicero Ltd', 'CIC Insurance Brokers Ltd', 'Acme Cicada'])('does not read %s as a CIC', (name) => {
    expect(isCicName(name)).toBe(false);
  });

  it("lets the trust's VCSE Y win with no other marker", () => {
    expect(fromRecord('Acme Ltd', { vcse: true, companyNumber: '01234567' })).toEqual({
      decision: 'yes',
      basis: 'self-declared',
      proxy: false,
      evidence: [{ rule: 'self-declared', detail: "the trust's supplier reference (line 4) says VCSE: Y" }],
    });
  });

  it("lets the trust's VCSE N win over a charity number, noting the charity number", () => {
    const decision = fromRecord('Kent Play CIC', { vcse: false, charityNumber: '1123456' });
    expect(decision.decision).toBe('no');
    expect(decision.evidence[0]?.detail).toBe("the trust's supplier reference (line 4) says VCSE: N");
    expect(decision.evidence.slice(1).map((e) => e.rule)).toEqual(['charity-number', 'cic-name']);
  });

  it('does not count a company limited by guarantee alone, flagging it only as possible VCSE', () => {
    const decision = fromRecord('Kent Community Trust (Limited by Guarantee)', { companyNumber: '07654321' });
    expect(decision.decision).toBe('unknown');
    expect(decision.evidence.map((e) => e.rule)).toEqual(['no-vcse-marker', 'possible-vcse']);
    expect(decision.evidence[1]?.detail).toMatch(/limited by guarantee alone is not VCSE/);
  });

  it('is unknown for an ordinary company with no VCSE marker, since it may be a charitable company', () => {
    const decision = fromRecord('Acme Ltd', { companyNumber: '01234567' });
    expect(decision.decision).toBe('unknown');
    expect(decision.evidence[0]?.detail).toMatch(/set VCSE to Y or N/);
  });

  it('is no for an LLP or a PLC, whose legal form cannot be a VCSE', () => {
    expect(fromRecord('Smith Partners LLP', { companyNumber: 'OC300001' })).toMatchObject({
      decision: 'no',
      evidence: [{ rule: 'legal-form' }],
    });
    expect(fromRecord('Big Pharma Public Limited Company').decision).toBe('no');
    expect(decideVcse({ names: ['Big Pharma PLC'], companyNumbers: [] }).decision).toBe('no');
  });

  it('is unknown when nothing is known and no reference record matches', () => {
    expect(decideVcse({ names: ['Joe Bloggs Plumbing'], companyNumbers: [] })).toMatchObject({
      decision: 'unknown',
      evidence: [{ rule: 'no-reference' }],
    });
  });
});
