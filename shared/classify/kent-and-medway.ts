import type { LocalityDefinition } from '../types.ts';

/**
 * Kent & Medway: the 12 Kent districts and Medway unitary authority (ONS GSS codes, current since
 * Shepway became Folkestone and Hythe in 2018 without a code change).
 */
const DISTRICT_NAMES: Readonly<Record<string, string>> = {
  E07000105: 'Ashford',
  E07000106: 'Canterbury',
  E07000107: 'Dartford',
  E07000108: 'Dover',
  E07000109: 'Gravesham',
  E07000110: 'Maidstone',
  E07000111: 'Sevenoaks',
  E07000112: 'Folkestone and Hythe',
  E07000113: 'Swale',
  E07000114: 'Thanet',
  E07000115: 'Tonbridge and Malling',
  E07000116: 'Tunbridge Wells',
  E06000035: 'Medway',
};

const range = (area: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${area}${from + i}`);

/*
 * How the postcode-district table was decided (reviewed against Royal Mail post towns, the ONS
 * district of named villages, and published district → local-authority listings):
 *
 * Wholly inside (`inDistricts`):
 * - CT1–CT21 and ME1–ME20: the CT (Canterbury) and ME (Rochester) postcode areas lie entirely in Kent
 *   and Medway. CT50 and ME99 are non-geographic districts of those same areas, listed so a PO-box
 *   postcode there is not read as outside; listing them is safe whether or not they are in use.
 * - TN1, TN2, TN4 (Tunbridge Wells town, Pembury, Southborough, Rusthall), TN9–TN13 (Tonbridge,
 *   Hildenborough, Penshurst, Paddock Wood, Sevenoaks), TN15 (Borough Green, Wrotham, Kemsing),
 *   TN23–TN30 (Ashford, Romney Marsh, New Romney, Tenterden). TN2 also carries a few
 *   non-geographic codes under the Wadhurst post town; a supplier using one is decided by the ONS
 *   lookup when it is given.
 * - DA2–DA4, DA9–DA13 (Dartford east, Longfield, Farningham, Greenhithe, Swanscombe, Gravesend,
 *   Meopham).
 *
 * Straddling the boundary (`ambiguousDistricts`, never guessed — the ONS lookup decides them):
 * - TN3 (Langton Green, Speldhurst in Tunbridge Wells; Groombridge, Frant in Wealden).
 * - TN8 (Edenbridge in Sevenoaks; Holtye in Wealden; edges in Tandridge, Surrey).
 * - TN14 (Otford, Halstead, Knockholt in Sevenoaks; Cudham and Berry's Green in the London
 *   Borough of Bromley). TN14 was in the first draft's "wholly inside" list and is moved here.
 * - TN16 (Westerham in Sevenoaks; Biggin Hill in Bromley; Tatsfield in Tandridge).
 * - TN17, TN18 (Cranbrook, Goudhurst, Hawkhurst, Sandhurst in Kent; fringes in Rother, East Sussex).
 * - TN5, TN6, TN7, TN19, TN31 (Wadhurst, Crowborough, Hartfield, Etchingham, Rye: East Sussex
 *   districts that touch the county boundary; no source checked rules out a Kent postcode in them,
 *   so they are not called "outside" without the lookup).
 * - DA1 (Dartford in Kent; Crayford in Bexley), DA5 (Bexley; Joydens Wood in Dartford).
 * - BR5, BR6, BR8 (Orpington, St Mary Cray and Swanley: Bromley and Sevenoaks meet in them).
 *
 * Every other district (London, Surrey, Sussex, Essex across the Thames, the rest of the UK) is
 * outside. An ONS postcode lookup (NSPL/ONSPD), when given, overrides this table for every
 * postcode it contains.
 */
const IN_DISTRICTS: readonly string[] = [
  ...range('CT', 1, 21),
  'CT50',
  ...range('ME', 1, 20),
  'ME99',
  'TN1',
  'TN2',
  'TN4',
  ...range('TN', 9, 13),
  'TN15',
  ...range('TN', 23, 30),
  ...range('DA', 2, 4),
  ...range('DA', 9, 13),
];

const AMBIGUOUS_DISTRICTS: readonly string[] = [
  'TN3',
  'TN5',
  'TN6',
  'TN7',
  'TN8',
  'TN14',
  'TN16',
  'TN17',
  'TN18',
  'TN19',
  'TN31',
  'DA1',
  'DA5',
  'BR5',
  'BR6',
  'BR8',
];

/** The default locality: Kent & Medway (13 local authority districts). */
export const kentAndMedway: LocalityDefinition = {
  name: 'Kent & Medway',
  districtCodes: Object.keys(DISTRICT_NAMES),
  inDistricts: IN_DISTRICTS,
  ambiguousDistricts: AMBIGUOUS_DISTRICTS,
  districtNames: DISTRICT_NAMES,
};
