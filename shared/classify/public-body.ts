import { normaliseSupplierName } from '../suppliers/normalise-name.ts';

/** A supplier recognised as a public body from the statutory form of its name. */
export interface PublicBody {
  /** The name as the trust or its ledger spells it. */
  name: string;
  /** The form of name that decided, as written in the rules: `… NHS Foundation Trust`, `London Borough of …`. */
  form: string;
  /** What a body of that form is: `an NHS foundation trust`, `a county council`. */
  kind: string;
  /**
   * Whether the type of body says it is not an SME. Parish and town councils can be tiny, so
   * for them it does not.
   */
  notSme: boolean;
}

interface NameForm {
  pattern: RegExp;
  form: string;
  kind: string;
  notSme?: false;
  /** Words that make the name something else (a university's department is not a ministry). */
  unless?: RegExp;
}

/**
 * The forms of name only a public body takes, tried in order on the cleaned name (lower case,
 * `&` read as `and`, punctuation as spaces, `C/O …` and bracketed text aside). The first that
 * matches names the kind of body.
 */
const NAME_FORMS: readonly NameForm[] = [
  {
    pattern: /\bnhs foundation t(r(u(st?)?)?)?$|\bnhs foundation trust\b|\bnhs ?ft\b/,
    form: '… NHS Foundation Trust',
    kind: 'an NHS foundation trust',
  },
  // `Nhs T`, `Nhst`: NHS trust names cut short by the ledger's column width.
  {
    pattern: /\bnhs trust\b|\bnhs t(r(u(st?)?)?)?$|\bnhst\b|\bnhs and social care partnership trust\b/,
    form: '… NHS Trust',
    kind: 'an NHS trust',
  },
  {
    pattern: /^nhs\b.*\bccg$|\bclinical commissioning group\b/,
    form: 'NHS … CCG',
    kind: 'a clinical commissioning group',
  },
  {
    pattern: /^nhs\b.*\bicb$|\bintegrated care board\b/,
    form: 'NHS … ICB',
    kind: 'an integrated care board',
  },
  {
    pattern: /^nhs\b.*\bcsu$|\bcommissioning support unit\b/,
    form: 'NHS … CSU',
    kind: 'a commissioning support unit',
  },
  // NHS Litigation Authority, Business Services Authority, Blood and Transplant, Property Services, England.
  {
    pattern: /^(nhs|nhsla|nhsbsa|nhsbt|nhsps|nhse)\b/,
    form: 'NHS …',
    kind: 'a national NHS body or a company the NHS owns (DHSC and NHS England control the NHS name)',
  },
  {
    pattern: /\bmetropolitan borough council$/,
    form: '… Metropolitan Borough Council',
    kind: 'a metropolitan borough council',
  },
  { pattern: /\bcounty council$/, form: '… County Council', kind: 'a county council' },
  { pattern: /\bborough council$/, form: '… Borough Council', kind: 'a borough council' },
  { pattern: /\bdistrict council$/, form: '… District Council', kind: 'a district council' },
  { pattern: /\bcity council$/, form: '… City Council', kind: 'a city council' },
  { pattern: /^london borough\b/, form: 'London Borough of …', kind: 'a London borough council' },
  { pattern: /^royal borough\b/, form: 'Royal Borough of …', kind: 'a royal borough council' },
  { pattern: /\bcombined authority$/, form: '… Combined Authority', kind: 'a combined authority' },
  { pattern: /\bparish council$/, form: '… Parish Council', kind: 'a parish council', notSme: false },
  { pattern: /\btown council$/, form: '… Town Council', kind: 'a town council', notSme: false },
  {
    pattern: /^(hmrc|hm revenue|h m revenue|her majestys revenue|his majestys revenue)\b/,
    form: 'HM Revenue & Customs',
    kind: 'a government department',
  },
  { pattern: /^(hm|h m) treasury\b/, form: 'HM Treasury', kind: 'a government department' },
  {
    pattern: /^(department (of|for)|ministry of)\b/,
    form: 'Department of/for …, Ministry of …',
    kind: 'a government department',
    unless: /\b(university|college|school|faculty|institute)\b/,
  },
  {
    pattern: /^(cabinet office|home office)$/,
    form: 'Cabinet Office, Home Office',
    kind: 'a government department',
  },
  {
    pattern: /\bpolice and crime commissioner\b/,
    form: '… Police and Crime Commissioner',
    kind: 'a police and crime commissioner',
  },
  {
    pattern: /\bfire and rescue (authority|service)\b/,
    form: '… Fire and Rescue Authority',
    kind: 'a fire and rescue authority',
  },
];

/**
 * Words that make a name something other than the public body it mentions: a hospital's charity,
 * its league of friends, a staff fellowship, a council for voluntary service.
 */
const NOT_PUBLIC_WORDS =
  /\b(charity|charities|charitable|fellowship|friends|league|voluntary|volunteers?|benevolent|appeal|association|club|union|society)\b/;

/** National bodies whose names begin `NHS` that are registered charities, not public bodies. */
const NHS_NAMED_CHARITIES = /^nhs (providers|confederation|employers)\b/;

/** Company suffixes (after the core's normalisation): a company, not a public body — unless named `NHS …`. */
const COMPANY_SUFFIX = /\b(ltd|plc|llp|cic|lp|llc|inc)\b/;

/** The name's words for matching: `C/O …`, bracketed codes, a trailing code and a leading `The` aside; punctuation read as spaces. */
function cleanName(name: string): string {
  const words = normaliseSupplierName(name)
    .replace(/\bc\/o\b.*$/, ' ')
    .replace(/\([^)]*\)?/g, ' ')
    .replace(/\s[-–]\s.*$/, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  while (words.length > 1 && /\d/.test(words.at(-1) ?? '')) words.pop();
  if (words[0] === 'the') words.shift();
  return words.join(' ');
}

type Reading = { body: PublicBody } | 'excluded' | undefined;

function readName(name: string): Reading {
  const clean = cleanName(name);
  if (clean === '') return undefined;
  if (NOT_PUBLIC_WORDS.test(clean) || NHS_NAMED_CHARITIES.test(clean)) return 'excluded';
  const nhsNamed = /^nhs/.test(clean);
  if (COMPANY_SUFFIX.test(clean) && !nhsNamed) return 'excluded';
  for (const { pattern, form, kind, notSme, unless } of NAME_FORMS) {
    if (pattern.test(clean) && !(unless?.test(clean) ?? false)) {
      return { body: { name, form, kind, notSme: notSme ?? true } };
    }
  }
  return undefined;
}

/**
 * The public body a supplier is, from the statutory form of any of its names (`… NHS Foundation
 * Trust`, `NHS … CCG`, a name beginning `NHS`, `… County Council`, `London Borough of …`, `HMRC`,
 * `Ministry of …`, `… Fire and Rescue Authority`, …); `undefined` when no name has such a form, or
 * when any name says it is something else: a charity, friends, league or fellowship, a council for
 * voluntary service, or a company (a company suffix on a name that does not begin `NHS`).
 *
 * @example
 * recognisePublicBody(['St George\'S University Hospitals Nhs Ft'])?.kind // → 'an NHS foundation trust'
 * recognisePublicBody(['NHS Charities Together']) // → undefined
 */
export function recognisePublicBody(names: readonly string[]): PublicBody | undefined {
  let found: PublicBody | undefined;
  for (const name of names) {
    const reading = readName(name);
    if (reading === 'excluded') return undefined;
    if (reading !== undefined && found === undefined) found = reading.body;
  }
  return found;
}

/** The sentence that says why a public body's name decides. */
export function describePublicBody(body: PublicBody): string {
  return `"${body.name}" has the form "${body.form}", the name of ${body.kind}, a public body`;
}
