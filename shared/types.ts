/**
 * The data shapes the core passes between its stages. Money is always integer
 * pence (`Pence`); dates are ISO `YYYY-MM-DD` strings; months are `YYYY-MM`.
 * Nothing here reads files, the clock or the environment.
 */

import type { RegisterExtract } from './registers/extract.ts';
import type { RegisterMatch } from './registers/match-registers.ts';

/** Integer pence. Always `Number.isSafeInteger`. */
export type Pence = number;
/** `YYYY-MM-DD`. */
export type IsoDate = string;
/** `YYYY-MM`. */
export type YearMonth = string;
/** `2023/24` — the UK financial year 1 April 2023 – 31 March 2024. */
export type FinancialYearLabel = string;

/** One input file as bytes, named as the user gave it. */
export interface InputFile {
  /** File name as shown to the user (base name, or the path the user typed). */
  name: string;
  bytes: Uint8Array;
}

/** Day/month order of a numeric date style. */
export type DateOrder = 'DMY' | 'MDY';

/** A problem with one cell of one line: enough for a person to find and fix it. */
export interface LineIssue {
  file: string;
  /** 1-based line number in the file as a text editor or spreadsheet shows it. */
  line: number;
  /** Column header as it appears in the file (or the column letter for XLSX when the header is blank). */
  column: string;
  value: string;
  reason: string;
}

/** A line that was read but is not spend, and why (a "Total" row, a blank line). */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** One accepted spend line, normalised. */
export interface LedgerLine {
  file: string;
  line: number;
  date: IsoDate;
  /** Supplier as written in the ledger, with any `:01234567` company number removed. */
  supplier: string;
  supplierId?: string;
  /** Company number carried in the supplier column (`NAME:01234567`), upper-case, 8 characters. */
  companyNumber?: string;
  /** Normalised postcode (`ME14 1XX`) from a `Supplier Postcode` column, when present and valid. */
  postcode?: string;
  amount: Pence;
  transaction?: string;
  expenseType?: string;
  expenseArea?: string;
  description?: string;
  /** True when the payee is withheld ("REDACTED", "Redacted personal data"). */
  redacted: boolean;
}

/**
 * Ledger lines in order, and how many there are: an array, a `LineTable` (lines held as columns, as the
 * report function reads them back), or the lines that count read from several files without copying them.
 */
export type LedgerLines = Iterable<LedgerLine> & { readonly length: number };

/** How a numeric date style was read in one file, and from which evidence. */
export interface DateStyleDecision {
  /** e.g. `n/n/yyyy`, `n-mmm-yy`, `excel-serial`, `iso`. */
  style: string;
  order?: DateOrder;
  /** Why that order: e.g. `"31/03/2021" on line 7 has a day above 12`. */
  evidence: string;
  lines: number;
}

export type FileStatus = 'accepted' | 'rejected';

/** The result of reading one ledger extract. */
export interface LedgerFile {
  name: string;
  /**
   * Which extract this file is a version of (`deriveSeriesKey`): only a file of the same series replaces
   * it. Set when the name alone does not say, as for a pipeline upload in a folder; else taken from `name`.
   */
  series?: string;
  sha256: string;
  format: 'csv' | 'xlsx' | 'xls' | 'unknown';
  /** `utf-8`, `utf-8-bom`, `windows-1252` (CSV only). */
  encoding?: string;
  /** Worksheet read (XLSX only). */
  sheet?: string;
  /** 1-based line/row of the header. */
  headerLine?: number;
  /** Which header in the file fed each field, e.g. `{ date: 'Date Paid', supplier: 'Suppklier', amount: 'AP Amount' }`. */
  columns: Partial<Record<LedgerField, string>>;
  dateStyles: DateStyleDecision[];
  status: FileStatus;
  /** Why the whole file was rejected, with line/column/value when one caused it. */
  rejection?: LineIssue;
  lines: LedgerLine[];
  /** Lines that could not be read (excluded from figures, listed for finance to fix). */
  issues: LineIssue[];
  skipped: SkippedLine[];
  /** Problems in optional cells that did not exclude the line (e.g. an invalid supplier postcode). */
  notes?: LineIssue[];
}

/**
 * A ledger file as the report takes it: a `LedgerFile` whose lines may be held as columns (a `LineTable`)
 * rather than as an array. A `LedgerFile` is one.
 */
export type ReportLedger = Omit<LedgerFile, 'lines'> & { lines: LedgerLines };

export type LedgerField =
  | 'date'
  | 'supplier'
  | 'amount'
  | 'supplierId'
  | 'postcode'
  | 'transaction'
  | 'expenseType'
  | 'expenseArea'
  | 'description';

export interface ReadLedgerOptions {
  /** A file is rejected when more than this share of its data lines are bad (0–1). Default 0.05. */
  maxBadShare?: number;
  /** Force the day/month order of ambiguous numeric dates instead of rejecting the file. */
  dateOrder?: DateOrder;
}

/** Y / N / not stated. */
export type YesNo = boolean | undefined;

/** One row of the trust's supplier reference file. */
export interface SupplierRecord {
  /** 1-based line in the reference file. */
  line: number;
  supplierId?: string;
  name: string;
  companyNumber?: string;
  charityNumber?: string;
  postcode?: string;
  branchPostcodes: string[];
  employees?: number;
  turnover?: Pence;
  balanceSheet?: Pence;
  sme?: boolean;
  vcse?: boolean;
}

export interface SupplierReference {
  name: string;
  sha256: string;
  records: SupplierRecord[];
  issues: LineIssue[];
}

/** Three-valued decision with the evidence an auditor can follow. */
export type Decision = 'yes' | 'no' | 'unknown';

export interface Evidence {
  /** The rule that decided, e.g. `postcode-district`, `ons-lookup`, `self-declared`, `charity-number`, `procurement-act-2023`. */
  rule: string;
  /** Plain sentence: `head office ME14 1XX is in Maidstone (E07000110)`. */
  detail: string;
}

/** What decided whether a supplier is local: where the deciding postcode came from. */
export type LocalBasis = 'reference-postcode' | 'ledger-postcode' | 'register-postcode';

/** What decided SME status: the trust's own data, or a proxy read from a register or a public body's name. */
export type SmeBasis =
  | 'self-declared'
  | 'figures'
  | 'accounts-category-proxy'
  | 'charity-income-proxy'
  | 'legal-form'
  | 'public-body';

/** What decided VCSE status: the trust's Y/N, a register's record, or a marker in the trust's own data. */
export type VcseBasis =
  | 'self-declared'
  | 'charity-register'
  | 'cio'
  | 'cic'
  | 'community-benefit-society'
  | 'co-operative-society'
  | 'charity-number'
  | 'cio-number'
  | 'society-number'
  | 'cic-name'
  | 'legal-form'
  | 'public-body';

export type DecisionBasis = LocalBasis | SmeBasis | VcseBasis;

export interface CategoryDecision {
  decision: Decision;
  /** The kind of evidence that decided; absent when the decision is unknown. */
  basis?: DecisionBasis;
  /**
   * Whether a proxy decided rather than a fact about the supplier itself (an accounts category or a
   * charity's income standing in for size, a legal form standing in for it); set when `basis` is.
   */
  proxy?: boolean;
  /** Local only: how the deciding postcode was placed — by the ONS lookup or the postcode-district table. */
  method?: 'ons-lookup' | 'postcode-district';
  /** SME only, when unknown for a supplier in the reference: the columns whose figures would decide it. */
  missing?: string;
  evidence: Evidence[];
}

/** A supplier (or a group of unmatched payees sharing a normalised name) with its classification. */
export interface ClassifiedSupplier {
  /** Stable key: `ref:<line>` for a reference record, `name:<normalised name>` otherwise, `redacted` for withheld payees. */
  key: string;
  /** Display name (never a redacted payee's name). */
  name: string;
  matchedBy: 'supplier-id' | 'company-number' | 'name' | 'unmatched' | 'redacted';
  reference?: SupplierRecord;
  local: CategoryDecision;
  sme: CategoryDecision;
  vcse: CategoryDecision;
  /** How the supplier was matched to the open registers, when registers were given (never for redacted payees). */
  registers?: RegisterMatch;
}

/** Postcode → local authority district code (ONS NSPL/ONSPD). Keys are normalised postcodes without spaces. */
export type PostcodeLookup = ReadonlyMap<string, string>;

export type SmeDefinition = 'procurement-act-2023' | 'eu-2003-361';

export interface ClassificationConfig {
  locality: LocalityDefinition;
  smeDefinition: SmeDefinition;
  /** GBP per EUR, used only for the EU definition's euro thresholds. */
  eurToGbp: number;
  postcodeLookup?: PostcodeLookup;
  /** The open registers' rows that can match this report's suppliers; without it, only the trust's own data decides. */
  registers?: RegisterExtract;
  /** Count a registered co-operative society (FCA mutuals register) as VCSE. Default false. */
  cooperativesAreVcse?: boolean;
}

export interface LocalityDefinition {
  name: string;
  /** ONS local authority district codes that are local. */
  districtCodes: readonly string[];
  /** Postcode districts (outward codes) wholly inside the locality. */
  inDistricts: readonly string[];
  /** Postcode districts that straddle the boundary: undecidable without the ONS lookup. */
  ambiguousDistricts: readonly string[];
  /** Names of the district codes for evidence (`E07000110` → `Maidstone`). */
  districtNames?: Readonly<Record<string, string>>;
}
