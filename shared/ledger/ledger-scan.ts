import { describeMonth } from '../periods/financial-year.ts';
import { columnLetters } from '../table/column-letters.ts';
import { mapColumns, normaliseHeaderKey } from '../table/map-columns.ts';
import { cellText, isBlankRow, type TableRow } from '../table/read-table.ts';
import { shortenText } from '../table/shorten-text.ts';
import type {
  DateOrder,
  DateStyleDecision,
  IsoDate,
  LedgerField,
  LedgerFile,
  LedgerLine,
  LineIssue,
  Pence,
  ReadLedgerOptions,
  SkippedLine,
  YearMonth,
} from '../types.ts';
import {
  type FutureOutliers,
  findFutureOutliers,
  isNeverFutureOutlier,
  MonthTally,
} from './future-outliers.ts';
import { LEDGER_COLUMNS, LEDGER_FIELD_LABELS } from './ledger-columns.ts';
import { cellIssue, type LedgerColumns, type LedgerHeader, LedgerRowReader } from './ledger-row-reader.ts';
import {
  type DateReading,
  decideDateOrder,
  isCalendarDate,
  type NumericDateSample,
  resolveNumericDate,
} from './parse-date.ts';
import { isRedactedPayee } from './parse-supplier.ts';
import { WITHHELD_TEXT } from './withhold-issue.ts';

/** How far down a file the header row is looked for. */
export const HEADER_SCAN_ROWS = 30;
/**
 * Most problems, notes and skipped lines listed per file; the rest are counted and summed up in one
 * last entry ("and 1,234 more …"), so a huge file's report stays readable and its reader bounded.
 */
export const MAX_LISTED = 1000;
const DEFAULT_MAX_BAD_SHARE = 0.05;
const REQUIRED: readonly LedgerField[] = ['date', 'supplier', 'amount'];
/** Fields whose column must be unambiguous: two columns with the same header would make a guess of the figures. */
const UNAMBIGUOUS: readonly LedgerField[] = ['date', 'supplier', 'amount', 'supplierId'];
/** Separators a header row may use that the rest of the file does not (a file pasted together). */
const OTHER_SEPARATORS = [';', '\t', ',', '|'] as const;
/** Headers quoted at most when none is found. */
const MAX_HEADERS_QUOTED = 20;
/** Distinct numeric dates whose months are remembered; past this they are worked out again. */
const MONTHS_REMEMBERED = 20_000;

type NumericDate = Extract<DateReading, { kind: 'numeric' }>;

/** What a ledger's rows decided: everything in `LedgerFile` but its identity and lines. */
export type LedgerVerdict = Pick<
  LedgerFile,
  'headerLine' | 'columns' | 'dateStyles' | 'status' | 'rejection' | 'issues' | 'skipped' | 'notes'
>;

/** A verdict, and what a second pass over the same rows needs to give the accepted lines. */
export interface LedgerDecision {
  verdict: LedgerVerdict;
  /** The header, when one was found. */
  header?: LedgerHeader;
  /** Day/month order of each numeric date style. */
  orders: ReadonlyMap<string, DateOrder>;
  /** How many lines an accepted file has. */
  acceptedLines: number;
  /** Lines dated after this month are typos (see `findFutureOutliers`) and left out. */
  latestMonth?: YearMonth;
}

/** The evidence one date style gathered, bounded whatever the file's length. */
interface StyleEvidence {
  lines: number;
  /** The first three numeric dates, and the first that can only be day-first or month-first. */
  samples: NumericDateSample[];
  dayFirst?: NumericDateSample;
  monthFirst?: NumericDateSample;
  /** Lines that would not be calendar dates in each order (31/04 read day-first). */
  invalid: Record<DateOrder, Listed<LineIssue>>;
  /** Good lines per month of their date, in each order. */
  months: Record<DateOrder, MonthTally>;
  /** Numeric dates whose first number is 12 or less (could be a day or a month). */
  firstAtMost12: number;
}

/** The styles of dates a spreadsheet stored as dates rather than as text. */
const STORED_DATE_STYLES = new Set(['date-cell', 'excel-serial']);

/** A line whose date was stored as a date, with its day and month both 12 or less (and not equal). */
interface StoredDate {
  line: number;
  iso: IsoDate;
}

/** Sums in pence of the amounts of some lines, and how many lines: of all those read, and of the good ones. */
class AmountSums {
  #all = 0;
  #allLines = 0;
  #good = 0;
  #goodLines = 0;

  add(amount: Pence, good: boolean): void {
    this.#all += amount;
    this.#allLines++;
    if (good) {
      this.#good += amount;
      this.#goodLines++;
    }
  }

  clear(): void {
    this.#all = 0;
    this.#allLines = 0;
    this.#good = 0;
    this.#goodLines = 0;
  }

  /** How many lines `amount` is the sum of: of all lines, else of the good ones; 0 when neither. */
  linesSummingTo(amount: Pence): number {
    if (this.#allLines > 0 && amount === this.#all) return this.#allLines;
    if (this.#goodLines > 0 && amount === this.#good) return this.#goodLines;
    return 0;
  }
}

/** A list that keeps its first {@link MAX_LISTED} entries and counts the rest. */
class Listed<T> {
  readonly items: T[] = [];
  count = 0;

  get full(): boolean {
    return this.items.length >= MAX_LISTED;
  }

  add(item: T): void {
    this.count++;
    if (this.items.length < MAX_LISTED) this.items.push(item);
  }
}

/** How a scan that streams gives its lines out before the end: see {@link LedgerScan.release}. */
export interface ReleaseOptions {
  /** Estimated bytes of lines held at the start before any is given out (so a small file goes out whole). */
  firstBatch: number;
}

/**
 * The first pass over a ledger's rows, fed one row at a time in file order: finds the header, reads
 * every line, and keeps only what the verdict needs — counts, the first problems, and per date style
 * the samples that decide its day/month order. It also keeps lines up to `keepLines` (an estimate of
 * the bytes they hold: unlimited for a reader that returns them all, a few MB for a stream, which can
 * then skip its second pass); past that it drops them, and its memory does not grow with the file.
 *
 * Given `release`, it also gives lines out as it goes ({@link release}): each line as soon as what the
 * verdict will decide about it is certain should the file be accepted, so that `keepLines` bounds only
 * the lines waiting for that (for their date style's day/month order, or for their month to be safe
 * from being cut off as a mistyped future date).
 */
export class LedgerScan {
  readonly name: string;
  readonly #date1904: boolean;
  readonly #keepLines: number;
  readonly #release: ReleaseOptions | undefined;
  #keptSize = 0;
  #droppedLines = false;
  /** Index in `#lines` of the first line not given out yet (0 unless releasing). */
  #head = 0;
  /** Whether the first batch has been reached and lines are given out as they are decided. */
  #releasing = false;
  /** Lines given out by {@link release}. */
  #released = 0;
  /** The order each numeric date style was given out in, and the latest month given out. */
  readonly #releasedOrders = new Map<string, DateOrder>();
  #latestReleased: YearMonth | undefined;
  /** Months no line of which can be cut off as a mistyped future date (see `isNeverFutureOutlier`). */
  readonly #safeMonths = new Set<YearMonth>();
  /** Numeric dates given out, read in their style's order (see `#resolved`). */
  readonly #resolvedDates = new Map<NumericDate, string>();
  #rows = 0;
  #header: LedgerHeader | undefined;
  #hasContent = false;
  #closest: { row: TableRow; columns: LedgerColumns; missing: LedgerField[] } | undefined;
  /** A header found in one cell, its names joined by a separator the file's lines do not use. */
  #joinedHeader: { row: TableRow; separator: string; text: string } | undefined;
  /** Why the header found cannot be used: two of its columns have the same name. */
  #ambiguous: LineIssue | undefined;
  #reader: LedgerRowReader | undefined;
  #dataLines = 0;
  #badLines = 0;
  #blankSkipped = 0;
  /** Amounts read since the last summary row or repeated header, and since the header (`#unlabelledTotalOf`). */
  readonly #sinceSummary = new AmountSums();
  readonly #sinceHeader = new AmountSums();
  readonly #issues = new Listed<LineIssue>();
  readonly #notes = new Listed<LineIssue>();
  /** Good lines whose date was stored as a date: how many, how many of them have a day above 12, and those whose day and month could be swapped. */
  #storedDates = 0;
  #storedDayAbove12 = 0;
  readonly #swappable = new Listed<StoredDate>();
  readonly #skipped = new Listed<SkippedLine>();
  readonly #styles = new Map<string, StyleEvidence>();
  readonly #lines: LedgerLine[] = [];
  readonly #numericDates: (NumericDate | undefined)[] = [];
  /** Good lines per month, of dates that need no order. */
  readonly #months = new MonthTally();
  /** By date reading (the row reader gives the same reading for the same text, while it remembers it). */
  readonly #monthsByDate = new Map<NumericDate, Record<DateOrder, YearMonth | undefined>>();
  /** The last reading and style looked up, and what they gave: dates come in runs. */
  #lastDate: NumericDate | undefined;
  #lastMonths: Record<DateOrder, YearMonth | undefined> | undefined;
  #lastStyle = '';
  #lastEvidence: StyleEvidence | undefined;

  constructor(
    name: string,
    options: { date1904?: boolean; keepLines?: number; release?: ReleaseOptions } = {},
  ) {
    this.name = name;
    this.#date1904 = options.date1904 === true;
    this.#keepLines = options.keepLines ?? 0;
    this.#release = options.release;
  }

  add(row: TableRow): void {
    const index = this.#rows++;
    if (this.#header === undefined) {
      this.#searchHeader(row, index);
      return;
    }
    const reader = this.#reader as LedgerRowReader;
    if (reader.read(row) === 'skipped') {
      this.#skipped.add({ line: row.line, reason: reader.skipReason });
      if (reader.skipReason === 'blank') this.#blankSkipped++;
      else if (reader.skippedSection) this.#sinceSummary.clear();
      return;
    }
    const { date, line, amount } = reader;
    if (amount !== undefined) {
      if (line === undefined && reader.unlabelled) {
        const summed = this.#unlabelledTotalOf(amount);
        if (summed > 0) {
          const reason =
            summed === 1
              ? 'unlabelled total row: the amount of the line above'
              : `unlabelled total row: the sum of the ${summed} lines above`;
          this.#skipped.add({ line: row.line, reason });
          this.#sinceSummary.clear();
          return;
        }
      }
      this.#sinceSummary.add(amount, line !== undefined);
      this.#sinceHeader.add(amount, line !== undefined);
    }
    this.#dataLines++;
    if (date.kind !== 'bad') {
      const evidence = this.#evidence(date.style);
      evidence.lines++;
      if (date.kind === 'numeric') {
        addSample(evidence, date, row.line);
        if (date.first <= 12) evidence.firstAtMost12++;
      }
    }
    if (line === undefined) {
      this.#badLines++;
      for (const issue of reader.issues) this.#issues.add(issue);
      return;
    }
    if (reader.note !== undefined) this.#notes.add(reader.note);
    if (date.kind === 'numeric') this.#checkBothOrders(date, row, reader.dateText);
    else if (date.kind === 'date') {
      this.#months.add(date.iso.slice(0, 7), row.line, reader.dateText);
      if (STORED_DATE_STYLES.has(date.style)) this.#addStoredDate(date.iso, row.line);
    }
    if (this.#droppedLines) return;
    this.#keptSize += estimateSize(line);
    if (this.#keptSize > this.#keepLines) {
      this.#droppedLines = true;
      this.#lines.length = 0;
      this.#numericDates.length = 0;
      this.#head = 0;
      reader.completeLines = false;
      return;
    }
    this.#lines.push(line);
    this.#numericDates.push(date.kind === 'numeric' ? date : undefined);
  }

  /**
   * The lines kept that can be given out now, in file order, leaving them no longer kept: each is as
   * `takeLines` will give it if the file is accepted (its numeric date resolved in the order its style's
   * evidence so far decides, which only a rejection can change; its month one no later line can cut off
   * as a mistyped future date). Lines no calendar date in that order are dropped, as `takeLines` drops
   * them. Nothing until the lines kept reach the first batch; nothing once lines were dropped
   * ({@link hasEveryLine} false) or when the header already decides a rejection. Only with `release`.
   */
  release(): LedgerLine[] {
    const none: LedgerLine[] = [];
    if (this.#release === undefined || this.#droppedLines || this.#ambiguous !== undefined) return none;
    if (!this.#releasing) {
      if (this.#keptSize < this.#release.firstBatch) return none;
      this.#releasing = true;
    }
    const lines = this.#lines;
    const dates = this.#numericDates;
    const out: LedgerLine[] = [];
    const first = this.#head;
    let head = first;
    let tallies: MonthTally[] | undefined;
    let lastIso = '';
    let lastMonth = '';
    for (; head < lines.length; head++) {
      const line = lines[head] as LedgerLine;
      const date = dates[head];
      let iso = line.date;
      if (date !== undefined) {
        const resolved = this.#resolved(date);
        if (resolved === undefined) break;
        // No calendar date in the order decided: one of the bad lines `decide` counts.
        if (resolved === '') continue;
        iso = resolved;
      }
      if (iso !== lastIso) {
        const month = iso.slice(0, 7);
        if (month !== lastMonth && !this.#safeMonths.has(month)) {
          tallies ??= this.#talliesSoFar();
          if (!isNeverFutureOutlier(tallies, month)) break;
          this.#safeMonths.add(month);
        }
        if (this.#latestReleased === undefined || month > this.#latestReleased) this.#latestReleased = month;
        lastIso = iso;
        lastMonth = month;
      }
      line.date = iso;
      out.push(line);
    }
    this.#released += out.length;
    if (head === lines.length) {
      this.#keptSize = 0;
      lines.length = 0;
      dates.length = 0;
      head = 0;
    } else {
      for (let i = first; i < head; i++) this.#keptSize -= estimateSize(lines[i] as LedgerLine);
      // Given-out lines are dropped once they are half the array: they count against the bound no more,
      // and the array holds at most twice what is still held.
      if (head * 2 >= lines.length) {
        lines.splice(0, head);
        dates.splice(0, head);
        head = 0;
      }
    }
    this.#head = head;
    return out;
  }

  /**
   * A numeric date read in the order its style's dates so far decide: its ISO date, '' when it is no
   * calendar date that way, `undefined` while the order is undecided. Remembered per reading (the row
   * reader gives the same reading for the same text): a style's order, once given out, stays.
   */
  #resolved(date: NumericDate): string | undefined {
    const known = this.#resolvedDates.get(date);
    if (known !== undefined) return known;
    const order = this.#orderSoFar(date.style);
    if (order === undefined) return undefined;
    if (!this.#releasedOrders.has(date.style)) this.#releasedOrders.set(date.style, order);
    const resolved = resolveNumericDate(date, order);
    const iso = resolved.ok ? resolved.value : '';
    if (this.#resolvedDates.size >= MONTHS_REMEMBERED) this.#resolvedDates.clear();
    this.#resolvedDates.set(date, iso);
    return iso;
  }

  /**
   * How many lines a row with no date, supplier or text is the total of (0: none, and it is a bad line):
   * its amount equals, to the penny, the sum of the lines since the last summary row or repeated header
   * (a subtotal) or since the header (a grand total under subtotals). Of every line whose amount was
   * read, as a SUM() over the column adds them; or of the good lines only, as a total the ledger system
   * wrote under its export adds only its payments, and a bad line read here with an amount may be none
   * (a line broken by an unquoted comma, a figure shifted into the amount column). A payment with its
   * date and supplier missing seldom equals either to the penny; a 0 under no lines is no total.
   */
  #unlabelledTotalOf(amount: Pence): number {
    return this.#sinceSummary.linesSummingTo(amount) || this.#sinceHeader.linesSummingTo(amount);
  }

  /**
   * Checks that the lines {@link release} gave out are the first lines of the accepted file, as the
   * decision gives them (the rules promise it: this is only a guard against a mistake in this class).
   *
   * @throws Error when the decision resolved a date style in another order, or cut off a month given out.
   */
  checkReleased(decision: LedgerDecision): void {
    if (this.#released === 0 || decision.verdict.status !== 'accepted') return;
    for (const [style, order] of this.#releasedOrders) {
      if (decision.orders.get(style) !== order) {
        throw new Error(
          `${this.name}: ${style} dates were given out read ${order}, but the file decided ${decision.orders.get(style) ?? 'no order'}`,
        );
      }
    }
    const { latestMonth } = decision;
    if (
      latestMonth !== undefined &&
      this.#latestReleased !== undefined &&
      this.#latestReleased > latestMonth
    ) {
      throw new Error(
        `${this.name}: a line of ${this.#latestReleased} was given out, but the file cut off everything after ${latestMonth}`,
      );
    }
  }

  /** The day/month order a style's dates so far decide, when they decide one (a later date can only contradict it). */
  #orderSoFar(style: string): DateOrder | undefined {
    const evidence = this.#styles.get(style);
    if (evidence === undefined) return undefined;
    if (evidence.dayFirst !== undefined) return evidence.monthFirst === undefined ? 'DMY' : undefined;
    return evidence.monthFirst === undefined ? undefined : 'MDY';
  }

  /** The good lines per month so far, of every date style whose order is decided so far. */
  #talliesSoFar(): MonthTally[] {
    const tallies = [this.#months];
    for (const [style, evidence] of this.#styles) {
      const order = this.#orderSoFar(style);
      if (order !== undefined) tallies.push(evidence.months[order]);
    }
    return tallies;
  }

  /** The header row, once found among the first {@link HEADER_SCAN_ROWS} rows. */
  get header(): LedgerHeader | undefined {
    return this.#header;
  }

  /** Rows below the header read as payment lines, good or bad (not blank, total or repeated header rows). */
  get dataLines(): number {
    return this.#dataLines;
  }

  /** Whether any row has a non-blank cell. */
  get hasContent(): boolean {
    return this.#hasContent;
  }

  /** The row among the first that came closest to a header, while none has been found. */
  get closest(): { row: TableRow; columns: LedgerColumns; missing: LedgerField[] } | undefined {
    return this.#closest;
  }

  /** The verdict on the rows seen, as `readLedger` has always given it. */
  decide(options: ReadLedgerOptions = {}): LedgerDecision {
    const { name } = this;
    const header = this.#header;
    const orders = new Map<string, DateOrder>();
    const reject = (rejection: LineIssue, read: Omit<LedgerVerdict, 'status' | 'rejection'>) => ({
      verdict: { ...read, status: 'rejected' as const, rejection },
      ...(header === undefined ? {} : { header }),
      orders,
      acceptedLines: 0,
    });
    const nothing = { columns: {}, dateStyles: [], issues: [], skipped: [] };

    if (!this.#hasContent) {
      return reject(
        fileIssue(name, `${name} is empty: export the ledger again with its header row and payment lines`),
        nothing,
      );
    }
    if (header === undefined) {
      const joined = this.#joinedHeader;
      return reject(
        joined === undefined ? missingColumnsIssue(name, this.#closest) : joinedHeaderIssue(name, joined),
        nothing,
      );
    }

    const columns: Partial<Record<LedgerField, string>> = {};
    for (const field of Object.keys(LEDGER_COLUMNS) as LedgerField[]) {
      const match = header.columns[field];
      if (match !== undefined) columns[field] = match.header;
    }
    const notes = listed(this.#notes.items, this.#notes.count, (more) => fileIssue(name, moreNotes(more)));
    const read = {
      headerLine: header.row.line,
      columns,
      skipped: listed(this.#skipped.items, this.#skipped.count, (more) => ({
        line: 0,
        reason: moreSkipped(more, this.#blankSkipped - this.#skipped.items.filter(isBlankSkip).length),
      })),
      ...(notes.length > 0 ? { notes } : {}),
    };
    const scanIssues = () =>
      listed(this.#issues.items, this.#issues.count, (more) => fileIssue(name, moreIssues(more)));
    if (this.#ambiguous !== undefined) {
      return reject(this.#ambiguous, { ...read, issues: [], dateStyles: [] });
    }
    if (this.#dataLines === 0) {
      const reason = `${name} has a header row on line ${header.row.line} but no payment lines below it: export the month again`;
      return reject(fileIssue(name, reason), { ...read, issues: scanIssues(), dateStyles: [] });
    }

    const dateStyles: DateStyleDecision[] = [];
    for (const [style, evidence] of this.#styles) {
      const { lines } = evidence;
      if (evidence.samples.length === 0) {
        dateStyles.push({ style, evidence: describeFixedStyle(style), lines });
        continue;
      }
      const decided = decideDateOrder(style, decisiveSamples(evidence), options.dateOrder);
      if (!decided.ok) {
        const issue = {
          file: name,
          line: decided.line,
          column: columns.date ?? 'date',
          value: decided.text,
          reason: decided.reason,
        };
        return reject(issue, { ...read, issues: scanIssues(), dateStyles });
      }
      orders.set(style, decided.order);
      dateStyles.push({ style, order: decided.order, evidence: decided.evidence, lines });
    }

    // Lines whose numeric date is no calendar date in the order decided (31/04/2020 read day-first).
    const invalid = [...this.#styles.entries()].flatMap(([style, evidence]) => {
      const order = orders.get(style);
      return order === undefined ? [] : [evidence.invalid[order]];
    });
    // Lines dated a year or more after the rest of the file: a mistyped year, not a payment.
    const future = findFutureOutliers([
      this.#months,
      ...[...this.#styles.entries()].flatMap(([style, evidence]) => {
        const order = orders.get(style);
        return order === undefined ? [] : [evidence.months[order]];
      }),
    ]);
    const futureIssues = future === undefined ? [] : futureIssuesOf(name, columns.date ?? 'date', future);
    const badLines =
      this.#badLines + invalid.reduce((sum, list) => sum + list.count, 0) + futureIssues.length;
    const issueCount =
      this.#issues.count + invalid.reduce((sum, list) => sum + list.count, 0) + futureIssues.length;
    const first = mergeByLine([this.#issues.items, ...invalid.map((list) => list.items), futureIssues]).slice(
      0,
      MAX_LISTED,
    );
    const issues = listed(first, issueCount, (more) => fileIssue(name, moreIssues(more)));
    const swapped = this.#swappedDateNotes(orders, columns.date ?? 'date');
    const decided = {
      ...read,
      issues,
      dateStyles,
      ...(swapped.length > 0 ? { notes: [...(read.notes ?? []), ...swapped] } : {}),
    };
    const maxBadShare = clampShare(options.maxBadShare);
    // A small tolerance so that exactly the allowed share (e.g. 29 of 100 at 0.29) is not lost to float error.
    if (badLines / this.#dataLines > maxBadShare + 1e-9) {
      return reject(tooManyBadLinesIssue(name, issues, badLines, this.#dataLines, maxBadShare), decided);
    }
    return {
      verdict: { ...decided, status: 'accepted' },
      header,
      orders,
      acceptedLines: this.#dataLines - badLines,
      ...(future === undefined ? {} : { latestMonth: future.latest }),
    };
  }

  /** Whether every line is kept (they fitted in `keepLines`), but those {@link release} gave out. */
  get hasEveryLine(): boolean {
    return !this.#droppedLines;
  }

  /**
   * The lines kept, their numeric dates resolved in the decided orders: when {@link hasEveryLine}, all of
   * them but those {@link release} gave out.
   */
  takeLines(decision: LedgerDecision): LedgerLine[] {
    if (decision.verdict.status !== 'accepted') return [];
    const lines: LedgerLine[] = [];
    for (let i = this.#head; i < this.#lines.length; i++) {
      const line = this.#lines[i] as LedgerLine;
      if (resolveLineDate(line, this.#numericDates[i], decision.orders, decision.latestMonth))
        lines.push(line);
    }
    return lines;
  }

  #searchHeader(row: TableRow, index: number): void {
    if (index >= HEADER_SCAN_ROWS) {
      if (!this.#hasContent && !isBlankRow(row)) this.#hasContent = true;
      return;
    }
    if (isBlankRow(row)) return;
    this.#hasContent = true;
    const { columns, missing } = mapColumns(row.cells, LEDGER_COLUMNS);
    if (missing.length === 0) {
      this.#header = { index, row, columns };
      this.#reader = new LedgerRowReader(this.name, this.#header, this.#date1904);
      // Lines given out as they are read are not kept here: no supplier memo (see `shareSuppliers`).
      if (this.#release !== undefined) this.#reader.shareSuppliers = false;
      this.#ambiguous = duplicateColumnIssue(this.name, row, columns);
      return;
    }
    this.#joinedHeader ??= findJoinedHeader(row);
    if (this.#closest === undefined || missing.length < this.#closest.missing.length) {
      this.#closest = { row, columns, missing };
    }
  }

  /** The month of a numeric date read in each order, where it is a calendar date (remembered: dates repeat). */
  #monthsOf(date: NumericDate): Record<DateOrder, YearMonth | undefined> {
    if (date === this.#lastDate && this.#lastMonths !== undefined) return this.#lastMonths;
    let months = this.#monthsByDate.get(date);
    if (months === undefined) {
      const monthOf = (month: number, day: number) =>
        isCalendarDate(date.year, month, day) ? `${date.year}-${month < 10 ? '0' : ''}${month}` : undefined;
      months = { DMY: monthOf(date.second, date.first), MDY: monthOf(date.first, date.second) };
      if (this.#monthsByDate.size >= MONTHS_REMEMBERED) this.#monthsByDate.clear();
      this.#monthsByDate.set(date, months);
    }
    this.#lastDate = date;
    this.#lastMonths = months;
    return months;
  }

  #addStoredDate(iso: IsoDate, line: number): void {
    this.#storedDates++;
    const day = Number(iso.slice(8, 10));
    const month = Number(iso.slice(5, 7));
    if (day > 12) this.#storedDayAbove12++;
    else if (day !== month) this.#swappable.add({ line, iso });
  }

  /**
   * Notes for dates a spreadsheet may have stored with their day and month swapped: a UK file opened by
   * a program set to month/day turns every date whose day is 12 or less into the wrong date (02/06/2025
   * becomes 6 February) and leaves the rest as text (15/06/2025). Its signs, all of them: dates stored
   * as dates, none with a day above 12; and a style of dates typed as text, read day first, every one
   * with a day above 12.
   */
  #swappedDateNotes(orders: ReadonlyMap<string, DateOrder>, column: string): LineIssue[] {
    if (this.#storedDates === 0 || this.#storedDayAbove12 > 0 || this.#swappable.count === 0) return [];
    const text = [...this.#styles.entries()].find(
      ([style, evidence]) =>
        orders.get(style) === 'DMY' && evidence.firstAtMost12 === 0 && evidence.dayFirst !== undefined,
    )?.[1].dayFirst;
    if (text === undefined) return [];
    const notes = this.#swappable.items.map(({ line, iso }): LineIssue => {
      const swapped = `${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}`;
      return {
        file: this.name,
        line,
        column,
        value: iso,
        reason:
          `this date was stored as a date (${iso}), but every date of this column typed as text is day/month/year with a day above 12 ` +
          `("${text.text}" on line ${text.line}), and no stored date has a day above 12: a spreadsheet set to month/day may have swapped the day and month ` +
          `when it saved the file, and this date would then be ${swapped}. If so, export the ledger again as CSV, or save it from a spreadsheet set to ` +
          'UK dates, and upload it again (the payment counts as dated here)',
      };
    });
    return listed(notes, this.#swappable.count, (more) =>
      fileIssue(
        this.name,
        `and ${more.toLocaleString('en-GB')} more dates stored with a day of 12 or less, not listed, that may have had their day and month swapped`,
      ),
    );
  }

  #evidence(style: string): StyleEvidence {
    if (style === this.#lastStyle && this.#lastEvidence !== undefined) return this.#lastEvidence;
    let evidence = this.#styles.get(style);
    if (evidence === undefined) {
      evidence = {
        lines: 0,
        samples: [],
        invalid: { DMY: new Listed(), MDY: new Listed() },
        months: { DMY: new MonthTally(), MDY: new MonthTally() },
        firstAtMost12: 0,
      };
      this.#styles.set(style, evidence);
    }
    this.#lastStyle = style;
    this.#lastEvidence = evidence;
    return evidence;
  }

  /**
   * Counts the line in its month read each way (day-first, then month-first), or among the lines that
   * are no calendar date that way. Each order spelt out: a property read by a variable key costs a
   * lookup, once a line.
   */
  #checkBothOrders(date: NumericDate, row: TableRow, dateText: string): void {
    const evidence = this.#evidence(date.style);
    const months = this.#monthsOf(date);
    const dayFirst = months.DMY;
    if (dayFirst !== undefined) evidence.months.DMY.add(dayFirst, row.line, dateText);
    else this.#notCalendarDate(evidence.invalid.DMY, date, 'DMY', row, dateText);
    const monthFirst = months.MDY;
    if (monthFirst !== undefined) evidence.months.MDY.add(monthFirst, row.line, dateText);
    else this.#notCalendarDate(evidence.invalid.MDY, date, 'MDY', row, dateText);
  }

  #notCalendarDate(
    invalid: Listed<LineIssue>,
    date: NumericDate,
    order: DateOrder,
    row: TableRow,
    dateText: string,
  ): void {
    if (invalid.full) {
      invalid.count++;
      return;
    }
    const resolved = resolveNumericDate(date, order);
    const reason = resolved.ok ? '' : resolved.reason;
    invalid.add(cellIssue(this.name, row, this.#header?.columns.date, dateText, reason));
  }
}

/**
 * The second pass over a ledger's rows, given the first pass's decision: the accepted line of each
 * row, in file order, holding nothing between rows.
 */
export class LedgerLineEmitter {
  readonly #header: LedgerHeader;
  readonly #orders: ReadonlyMap<string, DateOrder>;
  readonly #latestMonth: YearMonth | undefined;
  readonly #reader: LedgerRowReader;
  #rows = 0;

  constructor(name: string, decision: LedgerDecision & { header: LedgerHeader }, date1904: boolean) {
    this.#header = decision.header;
    this.#orders = decision.orders;
    this.#latestMonth = decision.latestMonth;
    this.#reader = new LedgerRowReader(name, decision.header, date1904);
    this.#reader.shareSuppliers = false;
  }

  /** The row's accepted line, or `undefined` for the header, titles, skipped and bad lines. */
  lineOf(row: TableRow): LedgerLine | undefined {
    if (this.#rows++ <= this.#header.index) return undefined;
    const reader = this.#reader;
    if (reader.read(row) === 'skipped') return undefined;
    const { line, date } = reader;
    if (line === undefined) return undefined;
    const numeric = date.kind === 'numeric' ? date : undefined;
    return resolveLineDate(line, numeric, this.#orders, this.#latestMonth) ? line : undefined;
  }
}

/** Roughly the bytes a line holds: the object and its strings (shared ones counted again, to be safe). */
function estimateSize(line: LedgerLine): number {
  const {
    supplier,
    supplierId,
    companyNumber,
    postcode,
    transaction,
    expenseType,
    expenseArea,
    description,
  } = line;
  return (
    160 +
    supplier.length +
    (supplierId?.length ?? 0) +
    (companyNumber?.length ?? 0) +
    (postcode?.length ?? 0) +
    (transaction?.length ?? 0) +
    (expenseType?.length ?? 0) +
    (expenseArea?.length ?? 0) +
    (description?.length ?? 0)
  );
}

/**
 * Fills in a line's numeric date in its style's order; false when it is no calendar date that way, or
 * is dated after `latestMonth` (a typo the decision left out).
 */
function resolveLineDate(
  line: LedgerLine,
  date: NumericDate | undefined,
  orders: ReadonlyMap<string, DateOrder>,
  latestMonth: YearMonth | undefined,
): boolean {
  if (date !== undefined) {
    const order = orders.get(date.style);
    if (order === undefined) return false;
    const iso = resolveNumericDate(date, order);
    if (!iso.ok) return false;
    line.date = iso.value;
  }
  return latestMonth === undefined || line.date.slice(0, 7) <= latestMonth;
}

/** One issue per line dated long after the rest of its file. */
function futureIssuesOf(name: string, column: string, future: FutureOutliers): LineIssue[] {
  return future.lines.map(({ line, text, monthsAfter }) => {
    const after = monthsAfter >= 24 ? `${Math.floor(monthsAfter / 12)} years` : `${monthsAfter} months`;
    return {
      file: name,
      line,
      column,
      value: text,
      reason:
        `"${text}" is ${after} after every other payment in the file (the latest in ${describeMonth(future.latest)}), so its year is surely mistyped: ` +
        'correct the date and upload the file again (the line is left out until then)',
    };
  });
}

function addSample(evidence: StyleEvidence, date: NumericDate, line: number): void {
  const needed =
    evidence.samples.length < 3 ||
    (evidence.dayFirst === undefined && date.first > 12) ||
    (evidence.monthFirst === undefined && date.second > 12);
  if (!needed) return;
  const sample: NumericDateSample = {
    style: date.style,
    first: date.first,
    second: date.second,
    line,
    text: date.text,
  };
  if (evidence.samples.length < 3) evidence.samples.push(sample);
  if (evidence.dayFirst === undefined && date.first > 12) evidence.dayFirst = sample;
  if (evidence.monthFirst === undefined && date.second > 12) evidence.monthFirst = sample;
}

/** The samples `decideDateOrder` looks at, in file order: it decides the same from these as from all. */
function decisiveSamples(evidence: StyleEvidence): NumericDateSample[] {
  const samples = new Set(evidence.samples);
  if (evidence.dayFirst !== undefined) samples.add(evidence.dayFirst);
  if (evidence.monthFirst !== undefined) samples.add(evidence.monthFirst);
  return [...samples].sort((a, b) => a.line - b.line);
}

/** Merges lists each sorted by line into one sorted by line (ties keep list order). */
function mergeByLine(lists: readonly (readonly LineIssue[])[]): LineIssue[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return [...(nonEmpty[0] ?? [])];
  return nonEmpty.flat().sort((a, b) => a.line - b.line);
}

/** The listed entries, with one entry summing up the rest when some were not kept. */
function listed<T>(items: readonly T[], count: number, more: (count: number) => T): T[] {
  return count > items.length ? [...items, more(count - items.length)] : [...items];
}

function isBlankSkip(skip: SkippedLine): boolean {
  return skip.reason === 'blank';
}

function moreIssues(count: number): string {
  return `and ${count.toLocaleString('en-GB')} more problems, not listed: fix the lines above and upload the file again to see them`;
}

function moreNotes(count: number): string {
  return `and ${count.toLocaleString('en-GB')} more invalid supplier postcodes, not listed (their payments still count)`;
}

function moreSkipped(count: number, blank: number): string {
  return `and ${count.toLocaleString('en-GB')} more skipped lines, not listed (${blank.toLocaleString('en-GB')} of them blank)`;
}

function describeFixedStyle(style: string): string {
  if (style === 'date-cell') return 'stored as dates in the workbook';
  if (style === 'excel-serial') return 'Excel date numbers';
  if (style.includes('mmm')) return 'the month is written as a name';
  return 'the year comes first';
}

function missingColumnsIssue(
  name: string,
  closest: { row: TableRow; missing: LedgerField[] } | undefined,
): LineIssue {
  const row = closest?.row;
  const missing = closest?.missing ?? [...REQUIRED];
  // A headerless file's first row may be a payment line: a withheld payee's name there is not repeated.
  const found = (row?.cells ?? [])
    .map((cell) => cellText(cell))
    .filter((text) => text !== '')
    .map((text) => (isRedactedPayee(text) ? WITHHELD_TEXT : shortenText(text, 60)));
  const wanted = missing.map((field) => {
    const examples = LEDGER_COLUMNS[field].aliases.slice(0, 4).map((alias) => `"${alias}"`);
    return `${LEDGER_FIELD_LABELS[field]} (a header like ${examples.join(', ')})`;
  });
  const where = row === undefined ? '' : ` on line ${row.line}`;
  const quoted = found.slice(0, MAX_HEADERS_QUOTED).map((text) => `"${text}"`);
  if (found.length > MAX_HEADERS_QUOTED) quoted.push(`and ${found.length - MAX_HEADERS_QUOTED} more`);
  const list = quoted.length > 0 ? quoted.join(', ') : 'nothing';
  return {
    file: name,
    line: row?.line ?? 0,
    column: missing.map((field) => LEDGER_FIELD_LABELS[field]).join(', '),
    value: shortenText(found.join(' | '), 200),
    reason:
      `no ${missing.map((field) => LEDGER_FIELD_LABELS[field]).join(', ')} column found in the first ${HEADER_SCAN_ROWS} rows: ` +
      `missing ${wanted.join('; ')}; the headers found${where} are ${list}. ` +
      'Rename the column or export the ledger with its header row',
  };
}

/** Two columns of the header named alike for a field that decides the figures: which one is meant? */
function duplicateColumnIssue(name: string, row: TableRow, columns: LedgerColumns): LineIssue | undefined {
  const keys = row.cells.map((cell) => normaliseHeaderKey(cellText(cell)));
  for (const field of UNAMBIGUOUS) {
    const match = columns[field];
    if (match === undefined) continue;
    const key = keys[match.index] ?? '';
    const others = keys.flatMap((other, index) => (other === key && index !== match.index ? [index] : []));
    if (others.length === 0) continue;
    const letters = [match.index, ...others]
      .sort((a, b) => a - b)
      .map((index) => columnLetters(index + 1))
      .join(' and ');
    const header = shortenText(match.header, 60);
    return {
      file: name,
      line: row.line,
      column: header,
      value: header,
      reason:
        `${others.length + 1} columns are headed "${header}" (columns ${letters}), so which holds the ${LEDGER_FIELD_LABELS[field]} is a guess: ` +
        'rename or delete all but one of them, then upload the file again',
    };
  }
  return undefined;
}

/** A row with a cell that holds a whole header, its names joined by a separator the rest of the file does not use. */
function findJoinedHeader(row: TableRow): { row: TableRow; separator: string; text: string } | undefined {
  for (const cell of row.cells) {
    const text = cellText(cell);
    if (text.length > 4096) continue;
    for (const separator of OTHER_SEPARATORS) {
      if (!text.includes(separator)) continue;
      if (mapColumns(text.split(separator), LEDGER_COLUMNS).missing.length === 0)
        return { row, separator, text };
    }
  }
  return undefined;
}

function joinedHeaderIssue(
  name: string,
  joined: { row: TableRow; separator: string; text: string },
): LineIssue {
  const shown = joined.separator === '\t' ? 'tabs' : `"${joined.separator}"`;
  return {
    file: name,
    line: joined.row.line,
    column: '',
    value: shortenText(joined.text, 200),
    reason:
      `the header on line ${joined.row.line} separates its columns with ${shown}, but the rest of the file uses another separator, so no column can be found: ` +
      'save the whole file again with one separator (in Excel: File › Save As › CSV UTF-8), then upload it',
  };
}

function tooManyBadLinesIssue(
  name: string,
  issues: readonly LineIssue[],
  badLines: number,
  dataLines: number,
  maxBadShare: number,
): LineIssue {
  const first = issues[0];
  const examples = issues
    .slice(0, 3)
    .map((issue) => `line ${issue.line}, column "${issue.column}": ${issue.reason}`)
    .join('; ');
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  return {
    file: name,
    line: first?.line ?? 0,
    column: first?.column ?? '',
    value: first?.value ?? '',
    reason:
      `${badLines} of ${dataLines} payment lines (${percent(badLines / dataLines)}) could not be read, more than the ` +
      `${percent(maxBadShare)} allowed; first problems: ${examples}. Fix these lines and upload the file again`,
  };
}

/** A problem with the file as a whole. */
export function fileIssue(file: string, reason: string): LineIssue {
  return { file, line: 0, column: '', value: '', reason };
}

function clampShare(share: number | undefined): number {
  if (share === undefined || Number.isNaN(share)) return DEFAULT_MAX_BAD_SHARE;
  return Math.min(1, Math.max(0, share));
}
