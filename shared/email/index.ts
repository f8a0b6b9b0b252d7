export {
  composeRejectionEmail,
  type RejectedUpload,
  type RejectionEmailOptions,
  type RejectionGuidance,
} from './compose-rejection-email.ts';
export { type ChartImage, composeReportEmail, type ReportEmailOptions } from './compose-report-email.ts';
export { escapeHtml } from './escape-html.ts';
export { neutraliseFormula } from './neutralise-formula.ts';
export {
  type EmailBlock,
  type EmailContent,
  type EmailStyle,
  type Fact,
  renderEmail,
} from './render-email.ts';
export { renderErrorReportCsv } from './render-error-report-csv.ts';
