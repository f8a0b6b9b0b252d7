export {
  composeRejectionEmail,
  type RejectedUpload,
  type RejectionEmailOptions,
} from './compose-rejection-email.ts';
export { composeReportEmail, type ReportEmailOptions } from './compose-report-email.ts';
export { escapeHtml } from './escape-html.ts';
export { formatShare, formatTenths, pointChangeInTenths, shareInTenths } from './format-share.ts';
export { neutraliseFormula } from './neutralise-formula.ts';
export { type EmailBlock, type EmailContent, type Fact, renderEmail } from './render-email.ts';
export { renderErrorReportCsv } from './render-error-report-csv.ts';
