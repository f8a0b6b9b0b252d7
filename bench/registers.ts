/**
 * `npm run bench:registers [rows]`: a Companies House BasicCompanyData file of `rows` companies (default
 * 5,700,000, the size of the real one) generated on disk in the published layout, then streamed from disk
 * twice — through `readCompaniesHouse` alone, and through `buildRegisterExtract` for ~20,000 wanted keys —
 * printing the time taken and the most memory held, and writing `bench/registers-results.json`.
 *
 * The generator is seeded, and every company's block key (first letters of its first two words) is its
 * own, so the rows an extract keeps are known in advance: the benchmark fails unless it keeps exactly
 * those, each read back field for field, and unless the plain read sees every row with its number.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildRegisterExtract,
  type ExtractCompany,
  type RegisterWants,
  readCompaniesHouse,
  registerNameKey,
  significantTokens,
} from '../shared/registers/index.ts';
import { seededRandom } from './ledger-generator.ts';

const SEED = 20250701;
const FILE_NAME = 'BasicCompanyData-2025-07-01-part1_1.csv';

/** The header exactly as published (checked against the fixture): unquoted, some names with a leading space. */
const HEADER =
  'CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,' +
  'RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,' +
  'CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,' +
  'Accounts.NextDueDate,Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,' +
  'Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,' +
  'SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,' +
  'LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName, PreviousName_2.CONDATE,' +
  ' PreviousName_2.CompanyName,PreviousName_3.CONDATE, PreviousName_3.CompanyName,PreviousName_4.CONDATE,' +
  ' PreviousName_4.CompanyName,PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE,' +
  ' PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,PreviousName_8.CONDATE,' +
  ' PreviousName_8.CompanyName,PreviousName_9.CONDATE, PreviousName_9.CompanyName,PreviousName_10.CONDATE,' +
  ' PreviousName_10.CompanyName,ConfStmtNextDueDate, ConfStmtLastMadeUpDate';

// --- the generator ----------------------------------------------------------------------------

const rowRandom = (i: number) => seededRandom(Math.imul(i + 1, 0x9e3779b1) ^ SEED);
const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Consonant-vowel syllables. Q, X and Z never start one, so names starting with them are in no row's block. */
const SYLLABLES = [...'BCDFGHKLMNPRSTVW'].flatMap((c) => [...'AEIOU'].map((v) => c + v));
const ABSENT_SYLLABLES = [...'QXZ'].flatMap((c) => [...'AEIOU'].map((v) => c + v));
const ENDINGS = ['', '', 'N', 'R', 'S', 'TON', 'WELL', 'LEY', 'FORD', 'EX', 'IA', 'NO', 'RICK', 'LAND'];
const TRADES = [
  'CARE',
  'CATERING',
  'CLEANING',
  'CONSTRUCTION',
  'CONSULTING',
  'ENGINEERING',
  'HOLDINGS',
  'LOGISTICS',
  'MEDICAL SUPPLIES',
  'PROPERTIES',
  'SERVICES',
  'SOLUTIONS',
  'TECHNOLOGIES',
  'TRADING',
  'TRANSPORT',
  'VENTURES',
  'HEALTHCARE',
  'HOMES',
  'BUILDERS',
  'ELECTRICAL',
  'PLUMBING',
  'DENTAL',
  'PHARMACY',
  'LINEN SERVICES',
  'FOODS',
  'DESIGN',
  'GROUP',
  'INVESTMENTS',
  'LEISURE',
  'MANAGEMENT',
  'RECRUITMENT',
  'TRAINING',
  'SECURITY',
  'MOTORS',
  'ESTATES',
  'SYSTEMS',
];
const PLACES: readonly (readonly [area: string, town: string, county: string])[] = [
  ['ME', 'MAIDSTONE', 'KENT'],
  ['TN', 'TONBRIDGE', 'KENT'],
  ['CT', 'CANTERBURY', 'KENT'],
  ['DA', 'DARTFORD', 'KENT'],
  ['LS', 'LEEDS', 'WEST YORKSHIRE'],
  ['M', 'MANCHESTER', ''],
  ['B', 'BIRMINGHAM', 'WEST MIDLANDS'],
  ['EH', 'EDINBURGH', ''],
  ['G', 'GLASGOW', ''],
  ['BT', 'BELFAST', 'COUNTY ANTRIM'],
  ['SW', 'LONDON', ''],
  ['EC', 'LONDON', ''],
  ['N', 'LONDON', ''],
  ['BS', 'BRISTOL', ''],
  ['CF', 'CARDIFF', 'SOUTH GLAMORGAN'],
  ['NE', 'NEWCASTLE UPON TYNE', 'TYNE AND WEAR'],
  ['L', 'LIVERPOOL', 'MERSEYSIDE'],
  ['SO', 'SOUTHAMPTON', 'HAMPSHIRE'],
  ['NG', 'NOTTINGHAM', 'NOTTINGHAMSHIRE'],
  ['CB', 'CAMBRIDGE', 'CAMBRIDGESHIRE'],
  ['OX', 'OXFORD', 'OXFORDSHIRE'],
  ['IV', 'INVERNESS', ''],
];
const STREETS = [
  'HIGH STREET',
  'STATION ROAD',
  'CHURCH LANE',
  'MILL LANE',
  'LONDON ROAD',
  'THE PARADE',
  'KING STREET',
];
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const STATUSES = [
  ...Array<string>(88).fill('Active'),
  ...Array<string>(6).fill('Active - Proposal to Strike off'),
  'Liquidation',
  'Liquidation',
  'In Administration',
  'Voluntary Arrangement',
  'Receivership Action',
  'Dissolved',
];
const ACCOUNTS = [
  ...Array<string>(30).fill('MICRO ENTITY'),
  ...Array<string>(20).fill('TOTAL EXEMPTION FULL'),
  ...Array<string>(12).fill('UNAUDITED ABRIDGED'),
  ...Array<string>(12).fill('NO ACCOUNTS FILED'),
  ...Array<string>(8).fill('DORMANT'),
  ...Array<string>(5).fill('SMALL'),
  ...Array<string>(4).fill('FULL'),
  ...Array<string>(3).fill('TOTAL EXEMPTION SMALL'),
  'GROUP',
  'MEDIUM',
  'AUDIT EXEMPTION SUBSIDIARY',
  'ACCOUNTS TYPE NOT AVAILABLE',
  '',
  '',
];
const SIC_TEXTS = [
  '86101 - Hospital activities',
  '86210 - General medical practice activities',
  '86900 - Other human health activities',
  '87300 - Residential care activities for the elderly and disabled',
  '88100 - Social work activities without accommodation for the elderly and disabled',
  '49390 - Other passenger land transport',
  '56102 - Unlicensed restaurants and cafes',
  '56290 - Other food services',
  '41100 - Development of building projects',
  '43210 - Electrical installation',
  '43220 - Plumbing, heat and air-conditioning installation',
  '46460 - Wholesale of pharmaceutical goods',
  '62020 - Information technology consultancy activities',
  '68209 - Other letting and operating of own or leased real estate',
  '70229 - Management consultancy activities other than financial management',
  '74909 - Other professional, scientific and technical activities n.e.c.',
  '78109 - Other activities of employment placement agencies',
  '81210 - General cleaning of buildings',
  '82990 - Other business support service activities n.e.c.',
  '96010 - Washing and (dry-)cleaning of textile and fur products',
  '99999 - Dormant Company',
];

/** What kind of body a row is, by its slot (`i % 200`): category, number prefix and legal forms. */
interface Kind {
  category: string;
  prefix: string;
  forms: readonly string[];
  slots: readonly number[];
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const KINDS: readonly Kind[] = [
  {
    category: 'Private Limited Company',
    prefix: '',
    forms: ['LIMITED', 'LIMITED', 'LTD'],
    slots: [...range(0, 160), ...range(193, 200)],
  },
  { category: 'Private Limited Company', prefix: 'SC', forms: ['LIMITED', 'LTD'], slots: range(160, 172) },
  { category: 'Private Limited Company', prefix: 'NI', forms: ['LIMITED', 'LTD'], slots: range(172, 176) },
  {
    category: 'PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)',
    prefix: '',
    forms: ['LIMITED', ''],
    slots: range(176, 182),
  },
  { category: 'Limited Liability Partnership', prefix: 'OC', forms: ['LLP'], slots: range(182, 185) },
  { category: 'Limited Partnership', prefix: 'LP', forms: ['LP', 'L.P.'], slots: range(185, 187) },
  {
    category: 'Community Interest Company',
    prefix: '',
    forms: ['C.I.C.', 'CIC', 'COMMUNITY INTEREST COMPANY'],
    slots: range(187, 189),
  },
  { category: 'Charitable Incorporated Organisation', prefix: 'CE', forms: [''], slots: range(189, 191) },
  { category: 'Registered Society', prefix: 'IP', forms: ['LIMITED'], slots: [191] },
  { category: 'Public Limited Company', prefix: '', forms: ['PLC'], slots: [192] },
];
const KIND_OF_SLOT = new Map(KINDS.flatMap((kind) => kind.slots.map((slot, rank) => [slot, { kind, rank }])));

/** Row `i`'s company number: unique, in its 8-character form, from its slot and the rows before it. */
function companyNumberOf(i: number): { kind: Kind; number: string } {
  const { kind, rank } = KIND_OF_SLOT.get(i % 200) as { kind: Kind; rank: number };
  const serial = Math.floor(i / 200) * kind.slots.length + rank + 1;
  if (kind.prefix === '') return { kind, number: pad(i + 1, 8) };
  if (kind.prefix === 'IP') return { kind, number: `IP${pad(serial, 5)}R` };
  return { kind, number: `${kind.prefix}${pad(serial, 6)}` };
}

/** Two coined words, each starting with two syllables; a bijection of `i` picks the four, so no two rows share them. */
function coinedWordsOf(i: number, random: () => number): [string, string] {
  const p = (i * 7919) % (SYLLABLES.length * SYLLABLES.length) ** 2;
  const word = (n: number) =>
    `${SYLLABLES[n % SYLLABLES.length]}${SYLLABLES[Math.floor(n / SYLLABLES.length)]}${pick(ENDINGS, random())}`;
  const square = SYLLABLES.length ** 2;
  return [word(p % square), word(Math.floor(p / square))];
}

const date = (random: () => number, fromYear: number, years: number) => {
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const year = fromYear + Math.floor(random() * years);
  return { text: `${pad(day, 2)}/${pad(month, 2)}/${year}`, iso: `${year}-${pad(month, 2)}-${pad(day, 2)}` };
};

/** One generated company: the 55 fields as written, and the record the reader should make of them. */
interface Generated {
  fields: string[];
  record: Omit<ExtractCompany, 'source' | 'line'>;
  /** Its first coined word, lower case: a significant word of its name, as a supplier's place key uses. */
  word: string;
}

function generateCompany(i: number): Generated {
  const random = rowRandom(i);
  const { kind, number } = companyNumberOf(i);
  const [first, second] = coinedWordsOf(i, random);
  const trade = pick(TRADES, random());
  const form = pick(kind.forms, random());
  const styled = random();
  const core =
    styled < 0.01
      ? `${first} "${second}" ${trade}`
      : styled < 0.03
        ? `${first}, ${second} & ${trade}`
        : `${styled < 0.06 ? 'THE ' : ''}${first} ${second} ${trade}`;
  const name = form === '' ? core : `${core} ${form}`;

  const [area, town, county] = pick(PLACES, random());
  const postcodeRoll = random();
  const canonical = `${area}${1 + Math.floor(random() * 20)} ${Math.floor(random() * 10)}${pick(INWARD_LETTERS, random())}${pick(INWARD_LETTERS, random())}`;
  const overseas = postcodeRoll < 0.005;
  const postcodeText =
    postcodeRoll < 0.005
      ? '3011 AA'
      : postcodeRoll < 0.025
        ? ''
        : postcodeRoll < 0.05
          ? canonical.toLowerCase().replace(' ', '')
          : canonical;
  const postcode = overseas || postcodeText === '' ? undefined : canonical;

  const status = pick(STATUSES, random());
  const incorporated = date(random, 1950, 75);
  const dissolved = status === 'Dissolved' ? date(random, 2025, 1) : undefined;
  const accountsCategory = pick(ACCOUNTS, random());
  const sicCount = Math.floor(random() * random() * 5);
  const sicCodes =
    random() < 0.04 ? ['None Supplied'] : Array.from({ length: sicCount }, () => pick(SIC_TEXTS, random()));
  const previousCount = random() < 0.08 ? 1 + Math.floor(random() * random() * 4) : 0;
  const previous = Array.from({ length: previousCount }, () => ({
    when: date(random, 1995, 30).text,
    name: `${first} ${second} ${pick(TRADES, random())} ${random() < 0.5 ? 'LIMITED' : 'LTD'}`,
  }));
  const sics = [...sicCodes, '', '', '', ''].slice(0, 4);
  const previousFields = previous.flatMap((old) => [old.when, old.name]);
  while (previousFields.length < 20) previousFields.push('');
  const partners = kind.prefix === 'LP' ? ['1', String(1 + Math.floor(random() * 9))] : ['0', '0'];
  const charges = Math.floor(random() * random() * 4);

  const fields = [
    name,
    number,
    '',
    '',
    `${1 + Math.floor(random() * 240)} ${pick(STREETS, random())}`,
    random() < 0.3 ? 'UNIT 2' : '',
    overseas ? 'ROTTERDAM' : town,
    overseas ? '' : county,
    overseas ? 'NETHERLANDS' : random() < 0.5 ? 'UNITED KINGDOM' : 'ENGLAND',
    postcodeText,
    kind.category,
    status,
    overseas ? 'Netherlands' : 'United Kingdom',
    dissolved?.text ?? '',
    incorporated.text,
    '31',
    '3',
    '31/12/2025',
    accountsCategory === 'NO ACCOUNTS FILED' ? '' : '31/03/2024',
    accountsCategory,
    '',
    '',
    String(charges),
    String(charges),
    '0',
    '0',
    ...sics,
    ...partners,
    `http://business.data.gov.uk/id/company/${number}`,
    ...previousFields,
    '14/07/2025',
    '30/06/2024',
  ];
  const record: Generated['record'] = {
    name,
    companyNumber: number,
    ...(postcode === undefined ? {} : { postcode }),
    category: kind.category,
    status,
    ...(dissolved === undefined ? {} : { dissolutionDate: dissolved.iso }),
    incorporationDate: incorporated.iso,
    ...(accountsCategory === '' ? {} : { accountsCategory }),
    sicCodes,
    previousNames: previous.map((old) => old.name),
  };
  return { fields, record, word: first.toLowerCase() };
}

const quoteCsv = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** How a supplier reference or ledger might write a company's name: title case, `Ltd` for `LIMITED`. */
const asSupplierWrites = (name: string) =>
  name
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace(/ Limited$/, ' Ltd');

interface Plan {
  wants: RegisterWants;
  /** Rows kept for a number or a name (exact, misspelt, or a previous name); places are added as rows are made. */
  plantedRows: Set<number>;
  /** Postcode → the words wanted there. */
  places: Map<string, Set<string>>;
  counts: Record<string, number>;
}

/** ~22,000 wanted keys, as a few thousand suppliers give them: some in the file, some not. */
function planWants(rows: number): Plan {
  const random = seededRandom(SEED ^ 0x5eed);
  const chosen = new Set<number>();
  const take = (count: number) => {
    const picked: number[] = [];
    while (picked.length < count && chosen.size < rows) {
      const i = Math.floor(random() * rows);
      if (chosen.has(i)) continue;
      chosen.add(i);
      picked.push(i);
    }
    return picked;
  };
  const scale = (n: number) => Math.max(1, Math.round((n * Math.min(rows, 5_700_000)) / 5_700_000));
  const numberAndName = take(scale(6000));
  const numberOnly = take(scale(2000));
  const nameOnly = take(scale(3000));
  const misspelt = take(scale(500));
  const previousName = take(scale(2000)).filter((i) => generateCompany(i).record.previousNames.length > 0);
  const placeOnly = take(scale(200));

  const companyNumbers = [...numberAndName, ...numberOnly].map((i) => companyNumberOf(i).number);
  const names = [...numberAndName, ...nameOnly].map((i) =>
    registerNameKey(asSupplierWrites(generateCompany(i).record.name)),
  );
  for (const i of misspelt) {
    // The second word's fourth letter doubled: its first four letters, and so the block, stay as they are.
    const key = registerNameKey(asSupplierWrites(generateCompany(i).record.name));
    const at = key.indexOf(' ') + 5;
    names.push(`${key.slice(0, at)}${key.slice(at - 1)}`);
  }
  for (const i of previousName) names.push(registerNameKey(generateCompany(i).record.previousNames[0] ?? ''));
  const absentNumbers = Array.from({ length: scale(1500) }, (_, k) =>
    k % 2 === 0 ? `${90_000_000 + k}` : `SC9${pad(k, 5)}`,
  );
  const absentWord = () =>
    `${pick(ABSENT_SYLLABLES, random())}${pick(ABSENT_SYLLABLES, random())}${pick(ENDINGS, random())}`;
  const absentNames = Array.from({ length: scale(2500) }, () =>
    registerNameKey(
      `${absentWord()} ${pick(SYLLABLES, random())}${pick(SYLLABLES, random())} ${pick(TRADES, random())} Ltd`,
    ),
  );
  const places = new Map<string, Set<string>>();
  const addPlace = (postcode: string, word: string) => {
    const words = places.get(postcode) ?? new Set<string>();
    words.add(word);
    places.set(postcode, words);
  };
  for (const i of placeOnly) {
    const { record, word } = generateCompany(i);
    if (record.postcode !== undefined) addPlace(record.postcode, word);
  }
  for (let k = 0; k < scale(300); k++) addPlace(`ME${1 + (k % 20)} ${k % 10}AB`, absentWord().toLowerCase());

  return {
    wants: {
      companyNumbers: [...companyNumbers, ...absentNumbers],
      charityNumbers: [],
      names: [...names, ...absentNames],
      places: [...places].flatMap(([postcode, words]) => [...words].map((word) => `${postcode}|${word}`)),
    },
    plantedRows: new Set([...numberAndName, ...numberOnly, ...nameOnly, ...misspelt, ...previousName]),
    places,
    counts: {
      companyNumbers: companyNumbers.length + absentNumbers.length,
      names: names.length + absentNames.length,
      places: [...places.values()].reduce((sum, words) => sum + words.size, 0),
    },
  };
}

/**
 * The file as chunks of bytes, noting in `expected` each row an extract for `plan` keeps: the planted
 * ones, and any whose postcode is wanted with a word of its name (worked out here from the row as made).
 */
async function* generateFile(rows: number, plan: Plan, expected: Set<number>): AsyncGenerator<Buffer> {
  yield Buffer.from(`${HEADER}\r\n`);
  const batch = 4096;
  for (let start = 0; start < rows; start += batch) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + batch); i++) {
      const { fields, record } = generateCompany(i);
      lines.push(fields.map(quoteCsv).join(','));
      if (plan.plantedRows.has(i)) expected.add(i);
      const words = record.postcode === undefined ? undefined : plan.places.get(record.postcode);
      if (words && significantTokens(registerNameKey(record.name)).some((word) => words.has(word)))
        expected.add(i);
    }
    yield Buffer.from(`${lines.join('\r\n')}\r\n`);
  }
}

// --- measuring --------------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;

interface Measured {
  seconds: number;
  peakRssMB: number;
  peakHeapUsedMB: number;
  peakHeldAfterGcMB?: number;
  beforeRssMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * Runs `work`, sampling memory every 50 ms (RSS and heap as they are) and, with --expose-gc, every
 * second after a full collection (heap + buffers actually held).
 */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; measured: Measured }> {
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeapUsed = before.heapUsed;
  let peakHeld = before.heapUsed + before.arrayBuffers;
  const quick = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  }, 50);
  const collected = gc
    ? setInterval(() => {
        gc();
        const usage = process.memoryUsage();
        peakHeld = Math.max(peakHeld, usage.heapUsed + usage.arrayBuffers);
      }, 1000)
    : undefined;
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const end = process.memoryUsage();
    peakRss = Math.max(peakRss, end.rss);
    peakHeapUsed = Math.max(peakHeapUsed, end.heapUsed);
    return {
      result,
      measured: {
        seconds,
        peakRssMB: mb(peakRss),
        peakHeapUsedMB: mb(peakHeapUsed),
        ...(gc ? { peakHeldAfterGcMB: mb(peakHeld) } : {}),
        beforeRssMB: mb(before.rss),
      },
    };
  } finally {
    clearInterval(quick);
    clearInterval(collected);
  }
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`registers benchmark: ${message}`);
}

async function main(): Promise<void> {
  const rows = Number((process.argv[2] ?? '5700000').replaceAll(',', '').replaceAll('_', ''));
  check(
    Number.isInteger(rows) && rows > 0 && rows <= 40_000_000,
    `${process.argv[2]} is not a number of rows (1 to 40,000,000)`,
  );
  const fixture = readFileSync(
    new URL('../tests/fixtures/registers/BasicCompanyData-2025-07-01-part1_7.csv', import.meta.url),
    'utf8',
  );
  check(fixture.split('\r\n')[0] === HEADER, 'the header differs from the published one in the fixture');
  const roundTrip = generateCompany(0);
  check(roundTrip.fields.length === 55, `a row has ${roundTrip.fields.length} fields, not 55`);

  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    ramGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
  const plan = planWants(rows);
  const expected = new Set<number>();

  const directory = await mkdtemp(join(os.tmpdir(), 'socval-bench-registers-'));
  const path = join(directory, FILE_NAME);
  const free = await statfs(directory);
  const room = free.bavail * free.bsize;
  const needed = rows * 520;
  const onDisk = room > needed * 1.2;
  try {
    let bytes = 0;
    let generated: Measured | undefined;
    if (onDisk) {
      ({ measured: generated } = await measure(async () => {
        const out = createWriteStream(path);
        for await (const chunk of generateFile(rows, plan, expected)) {
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
      }));
      bytes = (await stat(path)).size;
      console.log(
        `generated ${rows.toLocaleString('en-GB')} rows, ${(bytes / 1e9).toFixed(2)} GB, in ${generated.seconds.toFixed(0)} s: ${path}`,
      );
    } else {
      console.log(
        `only ${(room / 1e9).toFixed(1)} GB free in ${directory}: streaming the generator straight into the readers, without a file`,
      );
    }
    const source = () => {
      if (onDisk) return createReadStream(path);
      expected.clear();
      return (async function* () {
        for await (const chunk of generateFile(rows, plan, expected)) {
          bytes += chunk.length;
          yield chunk;
        }
      })();
    };

    const plain = await measure(async () => {
      let count = 0;
      for await (const company of readCompaniesHouse(FILE_NAME, source())) {
        const i = company.line - 2;
        if (company.companyNumber !== companyNumberOf(i).number) {
          throw new Error(
            `line ${company.line}: read ${company.companyNumber}, wrote ${companyNumberOf(i).number}`,
          );
        }
        count++;
      }
      return count;
    });
    check(plain.result === rows, `readCompaniesHouse read ${plain.result} rows of ${rows}`);
    if (!onDisk) bytes /= 2;

    const extracted = await measure(() =>
      buildRegisterExtract(
        [{ name: FILE_NAME, register: 'companies-house', bytes: source(), size: bytes }],
        plan.wants,
      ),
    );
    const extract = extracted.result;
    const kept = new Set(extract.companies.map((company) => company.line - 2));
    const unexpected = [...kept].filter((i) => !expected.has(i));
    const missed = [...expected].filter((i) => !kept.has(i));
    check(
      unexpected.length === 0 && missed.length === 0 && kept.size === extract.companies.length,
      `the extract kept ${extract.companies.length} rows; ${unexpected.length} not expected (lines ${unexpected.slice(0, 5).map((i) => i + 2)}), ${missed.length} expected rows missed (lines ${missed.slice(0, 5).map((i) => i + 2)})`,
    );
    for (const company of extract.companies) {
      const want = { source: 0, line: company.line, ...generateCompany(company.line - 2).record };
      check(
        JSON.stringify(company) === JSON.stringify(want),
        `line ${company.line} read back as ${JSON.stringify(company)}, written as ${JSON.stringify(want)}`,
      );
    }
    check(
      extract.sources[0]?.rowsRead === rows && extract.sources[0]?.rowsKept === expected.size,
      'the extract source counts are wrong',
    );
    const placeRows = [...expected].filter((i) => !plan.plantedRows.has(i)).length;

    const rate = (m: Measured) => ({
      rowsPerSecond: Math.round(rows / m.seconds),
      mbPerSecond: Number((bytes / 2 ** 20 / m.seconds).toFixed(1)),
    });
    const results = {
      machine,
      rows,
      bytes,
      fromDisk: onDisk,
      exposeGc: gc !== undefined,
      ...(generated ? { generate: generated } : {}),
      readCompaniesHouse: { ...plain.measured, ...rate(plain.measured) },
      buildRegisterExtract: {
        ...extracted.measured,
        ...rate(extracted.measured),
        wanted: plan.counts,
        rowsKept: extract.companies.length,
        keptForPlaceOnly: placeRows,
        extractJsonBytes: Buffer.byteLength(JSON.stringify(extract)),
      },
      correct:
        'every row read with its number; the extract kept exactly the expected rows, each field for field',
    };
    await writeFile(
      new URL('./registers-results.json', import.meta.url),
      `${JSON.stringify(results, null, 2)}\n`,
    );

    const table = [
      [
        'pass',
        'seconds',
        'rows/s',
        'MB/s',
        'peak RSS MB',
        'peak heap MB',
        gc ? 'held after GC MB' : '',
        'RSS before MB',
      ],
      ...(
        [
          ['readCompaniesHouse', plain.measured],
          ['buildRegisterExtract', extracted.measured],
        ] as const
      ).map(([label, m]) => [
        label,
        m.seconds.toFixed(1),
        rate(m).rowsPerSecond.toLocaleString('en-GB'),
        rate(m).mbPerSecond.toFixed(1),
        String(m.peakRssMB),
        String(m.peakHeapUsedMB),
        m.peakHeldAfterGcMB === undefined ? '' : String(m.peakHeldAfterGcMB),
        String(m.beforeRssMB),
      ]),
    ];
    const widths =
      table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
    console.log(
      `\nCompanies House, ${rows.toLocaleString('en-GB')} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB ${onDisk ? 'from disk' : 'generated in-process'}; ${machine.cpus} × ${machine.cpuModel}, ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
    );
    for (const row of table)
      console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
    console.log(
      `\nextract: ${extract.companies.length.toLocaleString('en-GB')} rows kept (${placeRows} for a wanted postcode and word alone) for ${plan.counts.companyNumbers} numbers, ${plan.counts.names} names, ${plan.counts.places} places — exactly those expected, each read back field for field`,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
