import type { ClassifiedSupplier } from '../../types.ts';
import type { SupplierSpend } from '../aggregate-spend.ts';
import type { Report } from '../build-report.ts';
import { pounds, type Row } from './add-table.ts';

/** The fact that would decide an unknown size: what finance should add to the supplier reference. */
export function describeMissingSizeFact(supplier: ClassifiedSupplier): string {
  const record = supplier.reference;
  if (record === undefined) {
    return 'Add the supplier to the supplier reference with Employees and Turnover GBP or Balance Sheet GBP, or SME Y/N';
  }
  if (record.employees === undefined) return 'Employees (staff count), or SME Y/N';
  return 'Turnover GBP or Balance Sheet GBP, or SME Y/N';
}

/** The fact that would decide an unknown location. */
export function describeMissingLocationFact(supplier: ClassifiedSupplier): string {
  if (supplier.local.evidence.some((e) => e.rule === 'no-postcode')) {
    return supplier.reference === undefined
      ? 'Add the supplier to the supplier reference with its Postcode (and Branch Postcodes)'
      : 'Postcode of its head office or a branch';
  }
  return 'Its full postcode checked against the ONS postcode lookup (--postcodes), or a branch postcode inside the area';
}

const yesOrBlank = (unknown: boolean): string => (unknown ? 'Unknown' : '');

/** Suppliers whose size or location is unknown, largest spend first: finance's list to raise coverage. */
export function unknownSupplierRows(suppliers: readonly SupplierSpend[]): Row[] {
  return suppliers
    .filter(
      (s) =>
        s.supplier.matchedBy !== 'redacted' &&
        (s.supplier.sme.decision === 'unknown' || s.supplier.local.decision === 'unknown'),
    )
    .sort((a, b) => b.total - a.total || a.supplier.name.localeCompare(b.supplier.name))
    .map((s, index) => {
      const sizeUnknown = s.supplier.sme.decision === 'unknown';
      const placeUnknown = s.supplier.local.decision === 'unknown';
      return [
        index + 1,
        s.supplier.name,
        pounds(s.total),
        yesOrBlank(sizeUnknown),
        sizeUnknown ? describeMissingSizeFact(s.supplier) : '',
        yesOrBlank(placeUnknown),
        placeUnknown ? describeMissingLocationFact(s.supplier) : '',
      ];
    });
}

/** Rejected files, lines left out and supplier reference cells ignored: file, effect, line, column, value, reason. */
export function problemRows(report: Report): Row[] {
  const problems: Row[] = [];
  for (const { file } of report.files) {
    if (file.rejection) {
      const r = file.rejection;
      problems.push([file.name, 'file rejected', r.line || null, r.column, r.value, r.reason]);
    }
    for (const issue of file.issues) {
      problems.push([
        file.name,
        file.status === 'rejected' ? 'line (file rejected)' : 'line left out',
        issue.line,
        issue.column,
        issue.value,
        issue.reason,
      ]);
    }
  }
  for (const issue of report.reference?.issues ?? []) {
    problems.push([
      issue.file,
      'supplier reference cell ignored',
      issue.line,
      issue.column,
      issue.value,
      issue.reason,
    ]);
  }
  return problems;
}
