export {
  type Aggregation,
  type AggregationWindow,
  aggregateSpend,
  emptyFigures,
  type FinancialYearFigures,
  type MonthFigures,
  type SpendFigures,
  type SupplierSpend,
  sumFigures,
} from './aggregate-spend.ts';
export {
  buildReport,
  describeOutdatedRegister,
  type FileAccount,
  findOutdatedRegisters,
  labelOutdatedRegister,
  type OutdatedRegister,
  type RegistersUsed,
  type Report,
  type ReportConfig,
} from './build-report.ts';
export {
  CHART_FILE_NAME,
  type ChartColours,
  DEFAULT_CHART_COLOURS,
  MAX_CHART_YEARS,
  renderShareChart,
  type ShareChart,
} from './chart/index.ts';
export {
  type BasisSpend,
  CATEGORIES,
  type Category,
  type CategoryCoverage,
  type CoverageFigures,
  measureCoverage,
} from './coverage.ts';
export { describeDataNotes, findReportYear } from './data-notes.ts';
export { type Definitions, describeDefinitions } from './definitions.ts';
export {
  countLinesByMonth,
  decideFilePeriod,
  decidePeriodFromCounts,
  deriveSeriesKey,
  type FilePeriod,
  findMonthsInFileName,
} from './file-period.ts';
export {
  renderWorkbook,
  type WorkbookChart,
  type WorkbookInput,
  type WorkbookOptions,
} from './render-workbook.ts';
export { buildReviewList, type ReviewEntry, type ReviewReason } from './review-list.ts';
export {
  type CurrentLines,
  choosePeriodOwners,
  describeSeries,
  describeSeriesOverlap,
  monthsCovered,
  OVERLAP_MIN_SHARE,
  ownerOf,
  type PeriodOwners,
  type ReplacedMonth,
  type SeriesOverlap,
  selectCurrentLines,
  seriesOfFile,
} from './select-current-lines.ts';
export { MAX_REVIEW_ENTRIES, type Summary, SummarySchema, toSummaryJson } from './summary-json.ts';
export { describeFoiAnswers, type FoiAnswer } from './workbook/foi-answers.ts';
