import { describe, expect, it } from 'vitest';
import { decideLocal, kentAndMedway, prepareLocality } from '../../../shared/classify/index.ts';

const kent = prepareLocality(kentAndMedway);
const at = (...postcodes: string[]) => postcodes.map((postcode) => ({ postcode, source: 'head office' }));
const lookup = new Map([
  ['TN85AB', 'E07000111'], // Edenbridge: Sevenoaks
  ['TN87HE', 'E07000065'], // Holtye: Wealden
  ['ME141XX', 'E07000110'],
  ['SW1A1AA', 'E09000033'],
]);

describe('the Kent & Medway locality', () => {
  it('has the 13 local authority districts', () => {
    expect([...kentAndMedway.districtCodes].sort()).toEqual([
      'E06000035',
      ...Array.from({ length: 12 }, (_, i) => `E07000${105 + i}`),
    ]);
  });

  it('never lists a postcode district as both inside and straddling', () => {
    const inside = new Set(kentAndMedway.inDistricts);
    expect(kentAndMedway.ambiguousDistricts.filter((d) => inside.has(d))).toEqual([]);
    for (const district of [
      'TN3',
      'TN5',
      'TN6',
      'TN8',
      'TN14',
      'TN16',
      'TN17',
      'TN18',
      'DA1',
      'DA5',
      'BR5',
      'BR6',
      'BR8',
    ]) {
      expect(kentAndMedway.ambiguousDistricts).toContain(district);
    }
    for (const district of [
      'CT1',
      'CT21',
      'ME1',
      'ME20',
      'TN1',
      'TN2',
      'TN4',
      'TN9',
      'TN15',
      'TN23',
      'TN30',
      'DA2',
      'DA13',
    ]) {
      expect(kentAndMedway.inDistricts).toContain(district);
    }
  });
});

describe('deciding whether a supplier is local', () => {
  it('is yes for a head office in a district wholly inside, naming postcode, source and rule', () => {
    expect(decideLocal(at('ME14 1XX'), kent)).toEqual({
      decision: 'yes',
      basis: 'reference-postcode',
      proxy: false,
      method: 'postcode-district',
      evidence: [
        {
          rule: 'postcode-district',
          detail: 'head office ME14 1XX is in postcode district ME14, which lies wholly inside Kent & Medway',
        },
      ],
    });
  });

  it('accepts a plain locality definition as well as a prepared one', () => {
    expect(decideLocal(at('ME14 1XX'), kentAndMedway)).toEqual(decideLocal(at('ME14 1XX'), kent));
  });

  it('is no when every postcode is outside', () => {
    const decision = decideLocal(at('SW1A 1AA', 'M1 1AE'), kent);
    expect(decision.decision).toBe('no');
    expect(decision.evidence).toHaveLength(2);
    expect(decision.evidence[0]?.detail).toBe(
      'head office SW1A 1AA is in postcode district SW1A, outside Kent & Medway',
    );
  });

  it('reports a straddling district such as TN8 as unknown without a lookup, never guessed', () => {
    const decision = decideLocal(at('TN8 5AB'), kent);
    expect(decision.decision).toBe('unknown');
    expect(decision.evidence[0]?.detail).toBe(
      'head office TN8 5AB is in postcode district TN8, which straddles the Kent & Medway boundary: an ONS postcode lookup (NSPL or ONSPD) would decide it',
    );
  });

  it('lets the ONS lookup decide a straddling district both ways', () => {
    expect(decideLocal(at('TN8 5AB'), kent, lookup)).toEqual({
      decision: 'yes',
      basis: 'reference-postcode',
      proxy: false,
      method: 'ons-lookup',
      evidence: [
        {
          rule: 'ons-lookup',
          detail:
            'head office TN8 5AB is in Sevenoaks (E07000111), in Kent & Medway, by the ONS postcode lookup',
        },
      ],
    });
    const holtye = decideLocal(at('TN8 7HE'), kent, lookup);
    expect(holtye.decision).toBe('no');
    expect(holtye.evidence[0]?.detail).toBe(
      'head office TN8 7HE is in local authority district E07000065, outside Kent & Medway, by the ONS postcode lookup',
    );
  });

  it('lets the ONS lookup overrule the district table', () => {
    const elsewhere = new Map([['ME141XX', 'E09000033']]);
    expect(decideLocal(at('ME14 1XX'), kent, elsewhere).decision).toBe('no');
  });

  it('falls back to the district table for a postcode the lookup does not list', () => {
    const decision = decideLocal(at('CT1 1AA'), kent, lookup);
    expect(decision.decision).toBe('yes');
    expect(decision.evidence[0]?.detail).toMatch(
      /wholly inside Kent & Medway \(the ONS postcode lookup given does not list it\)/,
    );
    expect(decideLocal(at('TN3 0AA'), kent, lookup).evidence[0]?.detail).toMatch(
      /a current NSPL or ONSPD would decide it/,
    );
  });

  it('is yes when any one postcode is inside, citing only the inside ones', () => {
    const decision = decideLocal(
      [
        { postcode: 'SW1A 1AA', source: 'head office' },
        { postcode: 'TN8 5AB', source: 'branch' },
        { postcode: 'CT2 7NZ', source: 'ledger line 9 of may.csv' },
      ],
      kent,
    );
    expect(decision.decision).toBe('yes');
    expect(decision.evidence.map((e) => e.detail)).toEqual([
      'ledger line 9 of may.csv CT2 7NZ is in postcode district CT2, which lies wholly inside Kent & Medway',
    ]);
  });

  it('is unknown when nothing is inside and something straddles', () => {
    const decision = decideLocal(at('SW1A 1AA', 'DA1 1AA'), kent);
    expect(decision.decision).toBe('unknown');
    expect(decision.evidence.map((e) => e.rule)).toEqual(['postcode-district', 'postcode-district']);
  });

  it('is unknown when no postcode is known, saying what to add', () => {
    expect(decideLocal([], kent)).toEqual({
      decision: 'unknown',
      evidence: [
        {
          rule: 'no-postcode',
          detail:
            'no head-office, branch or ledger-line postcode is known for this supplier: add its postcode to the supplier reference',
        },
      ],
    });
  });
});
