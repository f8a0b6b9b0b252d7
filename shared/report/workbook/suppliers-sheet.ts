import type ExcelJS from 'exceljs';
import type { CategoryDecision, ClassifiedSupplier } from '../../types.ts';
import type { Report } from '../build-report.ts';
import { CATEGORIES } from '../coverage.ts';
import { addTable, type Column, lazyRows, POUNDS, pounds, type Row } from './add-table.ts';
import type { DeferredRows } from './deferred-rows.ts';
import {
  CATEGORY_LABELS,
  describeBasis,
  describeEntityName,
  describeEntityNumbers,
  describeProxy,
  MATCH_STATUS_LABELS,
  MATCHED_ON_LABELS,
} from './describe-basis.ts';

export const REDACTED_LABEL = 'Payees withheld (redacted)';

const DECISION_WORD = { yes: 'Yes', no: 'No', unknown: 'Unknown' } as const;

export function displayName(supplier: ClassifiedSupplier): string {
  return supplier.matchedBy === 'redacted' ? REDACTED_LABEL : supplier.name;
}

function decisionColumns(label: string): Column[] {
  return [
    { header: label, width: 9 },
    { header: `${label} basis`, width: 24, wrap: true },
    { header: `${label} proxy`, width: 8, centre: true },
    { header: `${label} evidence`, width: 60 },
  ];
}

function decisionCells(decision: CategoryDecision): Row {
  return [
    DECISION_WORD[decision.decision],
    describeBasis(decision),
    describeProxy(decision),
    decision.evidence.map((e) => `${e.detail} [${e.rule}]`).join('; '),
  ];
}

const REGISTER_COLUMNS: Column[] = [
  { header: 'Register match', width: 11 },
  { header: 'Register numbers', width: 18, wrap: true },
  { header: 'Register name', width: 30, wrap: true },
  { header: 'Matched on', width: 16, wrap: true },
  { header: 'Match confidence', width: 11, format: '0.00' },
];

/** The matched register entity (blank cells for a supplier the registers did not settle). */
function registerCells(supplier: ClassifiedSupplier): Row {
  const match = supplier.registers;
  if (match === undefined) return ['', '', '', '', null];
  const entity = match.status === 'matched' ? match.entity : undefined;
  return [
    MATCH_STATUS_LABELS[match.status],
    entity === undefined ? '' : describeEntityNumbers(entity),
    entity === undefined ? '' : describeEntityName(entity),
    match.matchedOn === undefined ? '' : MATCHED_ON_LABELS[match.matchedOn],
    match.confidence ?? null,
  ];
}

/**
 * The Suppliers sheet: every supplier with spend in the report years, its classification with the
 * basis of each decision (proxy or not) and the evidence, the register entity it was matched to when
 * registers were used, and its spend per year.
 */
export function addSuppliersSheet(
  workbook: ExcelJS.Workbook,
  heading: string,
  report: Report,
  deferred?: DeferredRows,
): ExcelJS.Worksheet {
  const years = report.financialYears.map((y) => y.fy.label);
  const registers = report.registers !== undefined;
  return addTable(
    workbook,
    'Suppliers',
    [heading, 'Every supplier with spend in the report years, its classification and the evidence for it.'],
    [
      { header: 'Supplier', width: 40 },
      { header: 'Matched to reference by', width: 16 },
      ...(registers ? REGISTER_COLUMNS : []),
      ...CATEGORIES.flatMap((category) => decisionColumns(CATEGORY_LABELS[category])),
      ...years.map((label) => ({ header: label, width: 16, format: POUNDS })),
      { header: 'Total', width: 16, format: POUNDS },
    ],
    // Made as each row is written: 20,000 suppliers' rows, held together, would be promoted to V8's old
    // generation and stay there, garbage, until a major GC.
    lazyRows(report.suppliers.length, (index) => {
      const s = report.suppliers[index] as Report['suppliers'][number];
      return [
        displayName(s.supplier),
        s.supplier.matchedBy,
        ...(registers ? registerCells(s.supplier) : []),
        ...CATEGORIES.flatMap((category) => decisionCells(s.supplier[category])),
        ...years.map((label) => pounds(s.byYear[label] ?? 0)),
        pounds(s.total),
      ];
    }),
    undefined,
    deferred,
  );
}
