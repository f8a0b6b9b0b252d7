import { normalisePostcode } from '../suppliers/postcode.ts';
import type { CategoryDecision, Evidence, LocalBasis, LocalityDefinition, PostcodeLookup } from '../types.ts';

/** One postcode known for a supplier and where it was read, e.g. `head office (supplier reference line 4)`. */
export interface KnownPostcode {
  postcode: string;
  source: string;
  /** Whose data gave it: the trust's supplier reference (the default), a ledger line, or an open register. */
  kind?: 'reference' | 'ledger' | 'register';
}

const BASIS_OF_KIND: Readonly<Record<NonNullable<KnownPostcode['kind']>, LocalBasis>> = {
  reference: 'reference-postcode',
  ledger: 'ledger-postcode',
  register: 'register-postcode',
};

export type PostcodePlace = 'in' | 'out' | 'ambiguous';

/** A locality prepared for repeated look-ups. */
export interface PreparedLocality {
  definition: LocalityDefinition;
  codes: ReadonlySet<string>;
  inDistricts: ReadonlySet<string>;
  ambiguousDistricts: ReadonlySet<string>;
}

export function prepareLocality(definition: LocalityDefinition): PreparedLocality {
  const upper = (values: readonly string[]) => new Set(values.map((value) => value.trim().toUpperCase()));
  return {
    definition,
    codes: upper(definition.districtCodes),
    inDistricts: upper(definition.inDistricts),
    ambiguousDistricts: upper(definition.ambiguousDistricts),
  };
}

/**
 * Where one postcode lies: by the ONS lookup when it has the postcode (authoritative), otherwise by
 * the locality's postcode-district table.
 */
export function placePostcode(
  known: KnownPostcode,
  locality: PreparedLocality,
  lookup?: PostcodeLookup,
): { place: PostcodePlace; evidence: Evidence } {
  const postcode = normalisePostcode(known.postcode) ?? known.postcode.trim().toUpperCase();
  const { name, districtNames } = locality.definition;
  const what = `${known.source} ${postcode}`;
  const code = lookup?.get(postcode.replace(/\s+/g, ''));
  if (code !== undefined) {
    const upperCode = code.toUpperCase();
    const districtName = districtNames?.[upperCode];
    const district = districtName
      ? `${districtName} (${upperCode})`
      : `local authority district ${upperCode}`;
    return locality.codes.has(upperCode)
      ? {
          place: 'in',
          evidence: {
            rule: 'ons-lookup',
            detail: `${what} is in ${district}, in ${name}, by the ONS postcode lookup`,
          },
        }
      : {
          place: 'out',
          evidence: {
            rule: 'ons-lookup',
            detail: `${what} is in ${district}, outside ${name}, by the ONS postcode lookup`,
          },
        };
  }
  const district = postcode.split(' ')[0] ?? postcode;
  const unlisted = lookup === undefined ? '' : ' (the ONS postcode lookup given does not list it)';
  if (locality.inDistricts.has(district)) {
    return {
      place: 'in',
      evidence: {
        rule: 'postcode-district',
        detail: `${what} is in postcode district ${district}, which lies wholly inside ${name}${unlisted}`,
      },
    };
  }
  if (locality.ambiguousDistricts.has(district)) {
    return {
      place: 'ambiguous',
      evidence: {
        rule: 'postcode-district',
        detail:
          lookup === undefined
            ? `${what} is in postcode district ${district}, which straddles the ${name} boundary: ` +
              'an ONS postcode lookup (NSPL or ONSPD) would decide it'
            : `${what} is in postcode district ${district}, which straddles the ${name} boundary, and the ONS ` +
              'postcode lookup given does not list it: a current NSPL or ONSPD would decide it',
      },
    };
  }
  return {
    place: 'out',
    evidence: {
      rule: 'postcode-district',
      detail: `${what} is in postcode district ${district}, outside ${name}${unlisted}`,
    },
  };
}

/**
 * Local when any known postcode is in the locality; not local when there are postcodes and every one
 * is outside; unknown when there are none, or none inside and at least one in a straddling district.
 *
 * @example
 * decideLocal([{ postcode: 'ME14 1XX', source: 'head office' }], kentAndMedway)
 * // → { decision: 'yes', evidence: [{ rule: 'postcode-district', detail: 'head office ME14 1XX is in postcode district ME14, …' }] }
 */
export function decideLocal(
  postcodes: readonly KnownPostcode[],
  locality: LocalityDefinition | PreparedLocality,
  lookup?: PostcodeLookup,
): CategoryDecision {
  const prepared = 'codes' in locality ? locality : prepareLocality(locality);
  if (postcodes.length === 0) {
    return {
      decision: 'unknown',
      evidence: [
        {
          rule: 'no-postcode',
          detail:
            'no head-office, branch or ledger-line postcode is known for this supplier: add its postcode to the supplier reference',
        },
      ],
    };
  }
  const placed = postcodes.map((known) => ({ known, ...placePostcode(known, prepared, lookup) }));
  const inside = placed.filter((p) => p.place === 'in');
  const first = inside[0];
  if (first !== undefined) {
    return {
      decision: 'yes',
      basis: BASIS_OF_KIND[first.known.kind ?? 'reference'],
      proxy: false,
      method: methodOf(first.evidence),
      evidence: inside.map((p) => p.evidence),
    };
  }
  const evidence = placed.map((p) => p.evidence);
  if (placed.some((p) => p.place === 'ambiguous')) return { decision: 'unknown', evidence };
  const deciding = placed[0];
  return {
    decision: 'no',
    basis: BASIS_OF_KIND[deciding?.known.kind ?? 'reference'],
    proxy: false,
    method: placed.every((p) => methodOf(p.evidence) === 'ons-lookup') ? 'ons-lookup' : 'postcode-district',
    evidence,
  };
}

const methodOf = (evidence: Evidence): 'ons-lookup' | 'postcode-district' =>
  evidence.rule === 'ons-lookup' ? 'ons-lookup' : 'postcode-district';
