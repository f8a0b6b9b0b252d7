import {
  ELSEWHERE_DISTRICTS,
  LOCAL_DISTRICTS,
  LONDON_DISTRICTS,
  type SizeFacts,
  STRADDLING_DISTRICTS,
} from './ground-truth.ts';
import type { Random } from './random.ts';

export type SpendCategory =
  | 'clinical'
  | 'drugs'
  | 'staffing'
  | 'estates'
  | 'it'
  | 'facilities'
  | 'professional'
  | 'community'
  | 'nhs'
  | 'council'
  | 'utilities'
  | 'advertising'
  | 'transport';

/** One supplier in the trust's reference file, with everything the model needs to render and classify it. */
export interface SampleSupplier extends SizeFacts {
  id: string;
  name: string;
  /** A trading name the ledger shows only on lines that also carry the supplier ID or company number. */
  tradingName?: string;
  companyNumber?: string;
  charityNumber?: string;
  /** Head office, as typed in the reference (spacing and case not always tidy). */
  postcode?: string;
  branchPostcodes: string[];
  /** Branches the reference does not list; they appear only in a ledger's Supplier Postcode column. */
  ledgerOnlyPostcodes: string[];
  vcse?: boolean;
  category: SpendCategory;
  /** Relative chance of a ledger line. */
  weight: number;
  /** Typical line amount in pounds. */
  typicalPounds: number;
  /** Appears in every month's extract. */
  everyMonth: boolean;
}

/** A payee that is in no reference record. */
export interface UnmatchedPayee {
  name: string;
  ledgerId: string;
  category: SpendCategory;
}

export const EXPENSE_TYPES: Record<SpendCategory, readonly string[]> = {
  clinical: ['Clinical Supplies', 'Medical & Surgical Equipment', 'Diagnostic Consumables', 'Dressings'],
  drugs: ['Drugs', 'Drugs - Homecare', 'Pharmacy Stock'],
  staffing: ['Agency Staff - Nursing', 'Agency Staff - Medical', 'Locum Cover', 'Bank Staff Recharge'],
  estates: ['Building Maintenance', 'Capital - Building Works', 'Electrical Works', 'Grounds Maintenance'],
  it: ['IT Software Licences', 'IT Hardware', 'IT Support & Maintenance', 'Telephony'],
  facilities: [
    'Catering Provisions',
    'Cleaning Services',
    'Laundry & Linen',
    'Waste Disposal',
    'Security Services',
  ],
  professional: ['Legal Fees', 'Consultancy', 'Audit Fees', 'Professional Fees'],
  community: [
    'Grants to Voluntary Organisations',
    'Commissioned Services - VCSE',
    'Patient Support Services',
  ],
  nhs: ['Healthcare from NHS Bodies', 'Recharges \u2013 Pay and non-pay costs', 'CNST Contributions', 'Rent'],
  council: ['Business Rates', 'Social Care Contributions', 'Planning Fees'],
  utilities: ['Utilities - Gas', 'Utilities - Electricity', 'Utilities - Water'],
  advertising: ['Advertising & Recruitment', 'Publications & Subscriptions'],
  transport: ['Patient Transport', 'Couriers & Logistics', 'Lease Vehicles'],
};

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function makePostcode(random: Random, district: string): string {
  return `${district} ${random.int(1, 9)}${random.pick([...INWARD_LETTERS])}${random.pick([...INWARD_LETTERS])}`;
}

type Facts = Pick<SampleSupplier, 'employees' | 'turnoverPounds' | 'balanceSheetPounds' | 'sme'>;

interface SpecialSupplier extends Facts {
  name: string;
  tradingName?: string;
  companyNumber?: string;
  charityNumber?: string;
  /** District for a generated postcode, or a full postcode when it contains a space. */
  hq?: string;
  branches?: string[];
  ledgerOnly?: string[];
  vcse?: boolean;
  category: SpendCategory;
  weight: number;
  typicalPounds: number;
  everyMonth?: boolean;
}

/** Suppliers written by hand because each exercises one rule or one trap. */
const SPECIAL_SUPPLIERS: readonly SpecialSupplier[] = [
  // Names that look like something else.
  {
    name: 'Total Gas & Power Ltd',
    companyNumber: '02172239',
    hq: 'EC3M',
    employees: 1100,
    turnoverPounds: 3_200_000_000,
    balanceSheetPounds: 900_000_000,
    category: 'utilities',
    weight: 3,
    typicalPounds: 60_000,
    everyMonth: true,
  },
  {
    name: 'Redactive Media Ltd',
    companyNumber: '04105235',
    hq: 'SE1',
    employees: 85,
    turnoverPounds: 14_000_000,
    balanceSheetPounds: 6_000_000,
    category: 'advertising',
    weight: 2,
    typicalPounds: 4_000,
    everyMonth: true,
  },
  {
    name: 'Café Oasis Catering Ltd',
    companyNumber: '09876541',
    hq: 'CT20',
    employees: 22,
    turnoverPounds: 1_400_000,
    category: 'facilities',
    weight: 2,
    typicalPounds: 2_500,
  },
  // Public bodies: large, facts known.
  {
    name: 'Supply Chain Coordination Ltd',
    companyNumber: '10881715',
    hq: 'DE55 4QJ',
    employees: 2900,
    turnoverPounds: 3_000_000_000,
    balanceSheetPounds: 1_100_000_000,
    category: 'clinical',
    weight: 8,
    typicalPounds: 120_000,
    everyMonth: true,
  },
  {
    name: 'NHS Property Services Ltd',
    companyNumber: '07888110',
    hq: 'SW1P',
    employees: 3400,
    turnoverPounds: 880_000_000,
    category: 'nhs',
    weight: 2,
    typicalPounds: 95_000,
  },
  {
    name: 'NHS Resolution',
    hq: 'WC1N',
    employees: 600,
    category: 'nhs',
    weight: 1,
    typicalPounds: 900_000,
  },
  {
    name: 'Kent Community Health NHS Foundation Trust',
    hq: 'ME16 9NT',
    employees: 5200,
    category: 'nhs',
    weight: 3,
    typicalPounds: 150_000,
    everyMonth: true,
  },
  {
    name: 'Medway NHS Foundation Trust',
    hq: 'ME7 5NY',
    employees: 4800,
    category: 'nhs',
    weight: 2,
    typicalPounds: 110_000,
  },
  {
    name: 'South East Coast Ambulance Service NHS Foundation Trust',
    hq: 'RH10',
    employees: 4300,
    category: 'nhs',
    weight: 1,
    typicalPounds: 75_000,
  },
  {
    name: 'Kent County Council',
    hq: 'ME14 1XQ',
    employees: 12000,
    turnoverPounds: 2_300_000_000,
    balanceSheetPounds: 1_900_000_000,
    category: 'council',
    weight: 1,
    typicalPounds: 40_000,
  },
  // VCSE evidence of every kind.
  {
    name: 'Heart of Kent Hospice',
    charityNumber: '1045678',
    hq: 'ME20',
    employees: 180,
    turnoverPounds: 9_500_000,
    category: 'community',
    weight: 2,
    typicalPounds: 12_000,
  },
  {
    name: 'Caledonian Sight Loss Trust',
    charityNumber: 'SC012345',
    hq: 'G2',
    employees: 45,
    turnoverPounds: 2_100_000,
    category: 'community',
    weight: 1,
    typicalPounds: 6_000,
  },
  {
    name: 'Kent Carers Matter CIO',
    companyNumber: 'CE012345',
    hq: 'CT1',
    employees: 30,
    category: 'community',
    weight: 2,
    typicalPounds: 5_000,
  },
  {
    name: 'Garden of England Community Energy Ltd',
    companyNumber: 'RS007321',
    hq: 'CT2',
    employees: 8,
    turnoverPounds: 600_000,
    category: 'utilities',
    weight: 1,
    typicalPounds: 3_500,
  },
  {
    name: 'Thanet Wellbeing Hub CIC',
    companyNumber: '11234567',
    hq: 'CT9',
    employees: 12,
    turnoverPounds: 400_000,
    category: 'community',
    weight: 2,
    typicalPounds: 2_000,
  },
  {
    name: 'Invicta Social Enterprise Ltd',
    companyNumber: '08765432',
    hq: 'ME10',
    vcse: true,
    employees: 60,
    balanceSheetPounds: 900_000,
    category: 'facilities',
    weight: 2,
    typicalPounds: 3_000,
  },
  {
    name: 'Medway Education Trust',
    charityNumber: '1123987',
    hq: 'ME4',
    vcse: false,
    employees: 300,
    category: 'community',
    weight: 1,
    typicalPounds: 8_000,
  },
  {
    name: 'Forth Valley Diagnostics Ltd',
    companyNumber: 'SC345678',
    hq: 'EH3',
    employees: 95,
    turnoverPounds: 12_000_000,
    balanceSheetPounds: 7_000_000,
    category: 'clinical',
    weight: 2,
    typicalPounds: 9_000,
  },
  {
    name: 'Lagan Medical Devices Ltd',
    companyNumber: 'NI612345',
    hq: 'BT3 9DT',
    employees: 140,
    turnoverPounds: 31_000_000,
    category: 'clinical',
    weight: 1,
    typicalPounds: 14_000,
  },
  {
    name: 'Harbour & Mills Solicitors LLP',
    companyNumber: 'OC312345',
    hq: 'EC2V',
    employees: 210,
    turnoverPounds: 48_000_000,
    balanceSheetPounds: 21_000_000,
    category: 'professional',
    weight: 1,
    typicalPounds: 18_000,
  },
  {
    name: 'Castlegate Facilities PLC',
    companyNumber: '03345678',
    hq: 'M1',
    employees: 8200,
    turnoverPounds: 1_400_000_000,
    balanceSheetPounds: 700_000_000,
    category: 'facilities',
    weight: 3,
    typicalPounds: 85_000,
  },
  // SME thresholds and the trust's own Y/N.
  {
    name: 'Boundary Engineering Services Ltd',
    companyNumber: '06543210',
    hq: 'B1',
    employees: 249,
    turnoverPounds: 44_000_000,
    category: 'estates',
    weight: 1,
    typicalPounds: 20_000,
  },
  {
    name: 'Two Fifty Staffing Solutions Ltd',
    companyNumber: '07654321',
    hq: 'N1',
    employees: 250,
    turnoverPounds: 20_000_000,
    balanceSheetPounds: 4_000_000,
    category: 'staffing',
    weight: 2,
    typicalPounds: 15_000,
  },
  {
    name: 'Weald Clinical Staffing Ltd',
    companyNumber: '09123456',
    hq: 'TN23',
    sme: true,
    employees: 400,
    turnoverPounds: 30_000_000,
    category: 'staffing',
    weight: 2,
    typicalPounds: 22_000,
  },
  {
    name: 'Pilgrim Software Ltd',
    companyNumber: '10987654',
    hq: 'RG1',
    sme: false,
    employees: 10,
    turnoverPounds: 900_000,
    category: 'it',
    weight: 1,
    typicalPounds: 6_000,
  },
  // Locality: branches, straddling districts, no postcode.
  {
    name: 'Northgate Linen Services Ltd',
    companyNumber: '02456789',
    hq: 'LS11',
    branches: ['ME20'],
    employees: 1600,
    turnoverPounds: 150_000_000,
    category: 'facilities',
    weight: 3,
    typicalPounds: 30_000,
  },
  {
    name: 'Orbis Sterile Services Ltd',
    companyNumber: '05566778',
    hq: 'B1',
    ledgerOnly: ['CT1'],
    employees: 75,
    turnoverPounds: 8_000_000,
    balanceSheetPounds: 3_000_000,
    category: 'clinical',
    weight: 2,
    typicalPounds: 11_000,
    everyMonth: true,
  },
  {
    name: 'Westerham Medical Gases Ltd',
    companyNumber: '04433221',
    hq: 'TN16',
    employees: 40,
    turnoverPounds: 5_000_000,
    category: 'clinical',
    weight: 2,
    typicalPounds: 4_500,
  },
  {
    name: 'Edenbridge Print & Design Ltd',
    companyNumber: '05544332',
    hq: 'TN8',
    employees: 9,
    turnoverPounds: 700_000,
    category: 'advertising',
    weight: 1,
    typicalPounds: 1_200,
  },
  {
    name: 'Crayford Lift Engineering Ltd',
    companyNumber: '06655443',
    hq: 'DA1',
    employees: 55,
    turnoverPounds: 6_500_000,
    category: 'estates',
    weight: 1,
    typicalPounds: 7_000,
  },
  {
    name: 'Swanley Courier Services Ltd',
    companyNumber: '07766554',
    hq: 'BR8',
    branches: ['TN16'],
    employees: 300,
    category: 'transport',
    weight: 1,
    typicalPounds: 3_000,
  },
  {
    name: 'Hextable Hygiene Ltd',
    companyNumber: '08877665',
    hq: 'BR8',
    branches: ['ME15'],
    employees: 35,
    turnoverPounds: 2_800_000,
    category: 'facilities',
    weight: 1,
    typicalPounds: 2_200,
  },
  {
    name: 'Greenway Recruitment Partners Ltd',
    companyNumber: '09988776',
    employees: 120,
    turnoverPounds: 25_000_000,
    category: 'staffing',
    weight: 2,
    typicalPounds: 16_000,
  },
  {
    name: 'Starcross Transport Limited',
    tradingName: 'BEARS PATIENT TRANSPORT',
    companyNumber: '05123456',
    hq: 'RM13 8EU',
    employees: 180,
    turnoverPounds: 14_000_000,
    category: 'transport',
    weight: 2,
    typicalPounds: 18_000,
    everyMonth: true,
  },
];

/** Payees the reference does not know; three end in CIC and so are VCSE by name. */
export const UNMATCHED_PAYEE_NAMES: readonly string[] = [
  'Sheppey Food Hub CIC',
  'Folkestone Arts for Health CIC',
  'Medway Peer Support CIC',
  'Kentish Plumbing & Heating',
  'Greenfield Locum Agency',
  'Bright Smile Dental Lab',
  'Harbourside Taxis',
  'Marsh Lane Garage',
];

const KENT_WORDS = [
  'Medway',
  'Weald',
  'Invicta',
  'Downs',
  'Orchard',
  'Oast',
  'Stour',
  'Swale',
  'Channel',
  'Darent',
  'Len Valley',
  'Greensand',
  'Romney',
  'Marden',
  'Hop Garden',
  'Cinque Ports',
  'Kingsnorth',
  'Rochester',
  'Whitstable',
  'Faversham',
];

const GENERAL_WORDS = [
  'Apex',
  'Meridian',
  'Sterling',
  'Beacon',
  'Summit',
  'Crown',
  'Albion',
  'Vanguard',
  'Pinnacle',
  'Keystone',
  'Evergreen',
  'Riverside',
  'Phoenix',
  'Atlas',
  'Granite',
  'Bluebell',
  'Horizon',
  'Oakwood',
  'Clearwater',
  'Silverline',
  'Redwood',
  'Kingfisher',
  'Lighthouse',
  'Brookfield',
  'Fairway',
  'Highfield',
  'Millbrook',
  'Quayside',
];

const TRADES: Record<SpendCategory, readonly string[]> = {
  clinical: ['Medical Supplies', 'Surgical', 'Diagnostics', 'Orthopaedics', 'Clinical Products'],
  drugs: ['Pharmaceuticals', 'Pharmacy Services', 'Homecare Medicines'],
  staffing: ['Healthcare Staffing', 'Locums', 'Nursing Agency', 'Medical Recruitment'],
  estates: ['Building Services', 'Electrical Contractors', 'Roofing', 'Mechanical Services', 'Groundworks'],
  it: ['IT Solutions', 'Software', 'Digital', 'Networks', 'Data Systems'],
  facilities: ['Catering', 'Cleaning Services', 'Laundry', 'Waste Management', 'Security'],
  professional: ['Consulting', 'Accountants', 'Architects', 'Surveyors'],
  community: ['Carers Support', 'Community Transport', 'Mental Health Support', 'Befriending', 'Advocacy'],
  nhs: [],
  council: [],
  utilities: ['Energy', 'Water Services'],
  advertising: ['Print', 'Media', 'Signs'],
  transport: ['Logistics', 'Couriers', 'Patient Transport'],
};

const GENERATED_CATEGORIES: readonly SpendCategory[] = [
  'clinical',
  'clinical',
  'drugs',
  'staffing',
  'estates',
  'estates',
  'it',
  'facilities',
  'facilities',
  'professional',
  'community',
  'utilities',
  'advertising',
  'transport',
];

const TYPICAL_POUNDS: Record<SpendCategory, number> = {
  clinical: 9_000,
  drugs: 25_000,
  staffing: 14_000,
  estates: 12_000,
  it: 8_000,
  facilities: 6_000,
  professional: 7_000,
  community: 3_000,
  nhs: 100_000,
  council: 30_000,
  utilities: 10_000,
  advertising: 1_500,
  transport: 5_000,
};

type Place = 'local' | 'london' | 'elsewhere' | 'local-branch' | 'straddling' | 'none';

/** ~150 suppliers: the hand-written ones above, then generated ones with varied facts. */
export function buildSuppliers(random: Random, count = 150): SampleSupplier[] {
  const suppliers: SampleSupplier[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  const nextId = () => `KV${String(10_001 + suppliers.length * 7).padStart(5, '0')}`;
  const resolve = (place: string) => (place.includes(' ') ? place : makePostcode(random, place));

  for (const special of SPECIAL_SUPPLIERS) {
    names.add(special.name.toUpperCase());
    if (special.companyNumber) numbers.add(special.companyNumber);
    suppliers.push(
      withoutUndefined<SampleSupplier>({
        id: nextId(),
        name: special.name,
        tradingName: special.tradingName,
        companyNumber: special.companyNumber,
        charityNumber: special.charityNumber,
        postcode: special.hq === undefined ? undefined : resolve(special.hq),
        branchPostcodes: (special.branches ?? []).map(resolve),
        ledgerOnlyPostcodes: (special.ledgerOnly ?? []).map(resolve),
        employees: special.employees,
        turnoverPounds: special.turnoverPounds,
        balanceSheetPounds: special.balanceSheetPounds,
        sme: special.sme,
        vcse: special.vcse,
        category: special.category,
        weight: special.weight,
        typicalPounds: special.typicalPounds,
        everyMonth: special.everyMonth ?? false,
      }),
    );
  }

  while (suppliers.length < count) {
    const category = random.pick(GENERATED_CATEGORIES);
    const place = random.pickWeighted<Place>(
      ['local', 'london', 'elsewhere', 'local-branch', 'straddling', 'none'],
      (p) => ({ local: 36, london: 20, elsewhere: 28, 'local-branch': 5, straddling: 5, none: 6 })[p],
    );
    const kind =
      category === 'community' ? random.pick(['charity', 'cic', 'charity-ltd'] as const) : 'company';
    const word = random.pick(place === 'local' ? KENT_WORDS : GENERAL_WORDS);
    const trade = random.pick(TRADES[category]);
    const suffix =
      kind === 'cic'
        ? 'CIC'
        : kind === 'charity'
          ? random.pick(['', 'Trust', 'Foundation'])
          : kind === 'charity-ltd'
            ? 'Ltd'
            : category === 'professional' && random.chance(0.4)
              ? 'LLP'
              : random.pickWeighted(['Ltd', 'Limited', 'PLC'], (s) =>
                  s === 'PLC' ? 1 : s === 'Ltd' ? 12 : 5,
                );
    const name = [word, trade, suffix].filter((part) => part !== '').join(' ');
    if (names.has(name.toUpperCase())) continue;
    names.add(name.toUpperCase());

    const companyNumber =
      kind === 'charity'
        ? undefined
        : suffix === 'LLP'
          ? uniqueNumber(random, numbers, 'OC')
          : random.chance(0.08)
            ? uniqueNumber(random, numbers, 'SC')
            : random.chance(0.85)
              ? uniqueNumber(random, numbers, '')
              : undefined;
    const charityNumber =
      kind === 'charity' || kind === 'charity-ltd'
        ? random.chance(0.15)
          ? `SC0${random.int(10_000, 49_999)}`
          : String(random.int(1_000_000, 1_199_999))
        : undefined;

    const district = (list: readonly string[]) => makePostcode(random, random.pick(list));
    const outside = () => district(random.chance(0.4) ? LONDON_DISTRICTS : ELSEWHERE_DISTRICTS);
    let postcode: string | undefined;
    let branchPostcodes: string[] = [];
    switch (place) {
      case 'local':
        postcode = district(LOCAL_DISTRICTS);
        if (random.chance(0.1)) branchPostcodes = [outside()];
        break;
      case 'london':
        postcode = district(LONDON_DISTRICTS);
        if (random.chance(0.1)) branchPostcodes = [district(ELSEWHERE_DISTRICTS)];
        break;
      case 'elsewhere':
        postcode = district(ELSEWHERE_DISTRICTS);
        break;
      case 'local-branch':
        postcode = outside();
        branchPostcodes = [district(LOCAL_DISTRICTS)];
        break;
      case 'straddling':
        postcode = district(STRADDLING_DISTRICTS);
        break;
      case 'none':
        postcode = undefined;
    }
    if (postcode !== undefined && random.chance(0.05)) postcode = messUp(random, postcode);

    suppliers.push(
      withoutUndefined<SampleSupplier>({
        id: nextId(),
        name,
        companyNumber,
        charityNumber,
        postcode,
        branchPostcodes,
        ledgerOnlyPostcodes: [],
        ...sizeFacts(random, kind !== 'company'),
        vcse: declaredVcse(random, kind),
        category,
        weight: random.pickWeighted([0.3, 1, 2, 4], (w) => (w === 4 ? 1 : w === 2 ? 3 : 4)),
        typicalPounds: Math.round(TYPICAL_POUNDS[category] * Math.exp(random.normal() * 0.5)),
        everyMonth: false,
      }),
    );
  }
  return suppliers;
}

/** The trust's own VCSE Y/N, stated for a few suppliers only. */
function declaredVcse(
  random: Random,
  kind: 'company' | 'charity' | 'cic' | 'charity-ltd',
): boolean | undefined {
  const roll = random.next();
  if (kind === 'charity-ltd') return roll < 0.3 ? true : undefined;
  if (kind === 'company') return roll < 0.03 ? true : roll < 0.06 ? false : undefined;
  return undefined;
}

/** Facts as a trust's reference really holds them: sometimes full, sometimes partial, sometimes a Y/N. */
function sizeFacts(random: Random, thirdSector: boolean): Facts {
  const band = random.pickWeighted(['micro', 'small', 'medium', 'large'] as const, (b) =>
    b === 'large' ? 2 : b === 'medium' ? 3 : thirdSector ? 4 : 3,
  );
  const employees =
    band === 'micro'
      ? random.int(1, 9)
      : band === 'small'
        ? random.int(10, 49)
        : band === 'medium'
          ? random.int(50, 249)
          : random.int(250, 9000);
  const perHead = random.int(45_000, 160_000);
  const turnoverPounds = roundTo(employees * perHead, 1000);
  const balanceSheetPounds = roundTo(turnoverPounds * (0.3 + random.next()), 1000);
  const disclosure = random.pickWeighted(
    ['full', 'staff+turnover', 'staff-only', 'turnover-only', 'money-only', 'none', 'declared'] as const,
    (d) =>
      ({
        full: 40,
        'staff+turnover': 15,
        'staff-only': 8,
        'turnover-only': 6,
        'money-only': 6,
        none: 10,
        declared: 15,
      })[d],
  );
  switch (disclosure) {
    case 'full':
      return { employees, turnoverPounds, balanceSheetPounds };
    case 'staff+turnover':
      return { employees, turnoverPounds };
    case 'staff-only':
      return { employees };
    case 'turnover-only':
      return { turnoverPounds };
    case 'money-only':
      return { turnoverPounds, balanceSheetPounds };
    case 'none':
      return {};
    case 'declared':
      return random.chance(0.5) ? { sme: band !== 'large' } : { sme: band !== 'large', employees };
  }
}

/** A company number as Companies House writes it: 8 characters, prefix and zero-padded digits. */
function uniqueNumber(random: Random, used: Set<string>, prefix: '' | 'SC' | 'OC'): string {
  const [min, max] =
    prefix === '' ? [1, 15_999_999] : prefix === 'SC' ? [100_000, 799_999] : [300_000, 450_000];
  for (;;) {
    const value = `${prefix}${String(random.int(min, max)).padStart(8 - prefix.length, '0')}`;
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

function messUp(random: Random, postcode: string): string {
  return random.pick([postcode.toLowerCase(), postcode.replace(' ', ''), postcode.replace(' ', '  ')]);
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

/** Drops keys whose value is undefined (exactOptionalPropertyTypes). */
function withoutUndefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
