import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectRegisterWants, kentAndMedway } from '../../../shared/classify/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import { parseFinancialYear } from '../../../shared/periods/financial-year.ts';
import {
  buildRegisterExtract,
  detectRegisterFile,
  type RegisterExtract,
  type RegisterInput,
} from '../../../shared/registers/index.ts';
import { buildReport, type Report } from '../../../shared/report/index.ts';
import { readSupplierReference } from '../../../shared/suppliers/index.ts';
import type { ClassifiedSupplier, LedgerFile, SupplierReference } from '../../../shared/types.ts';
import { chunksOf } from './helpers.ts';

/** The synthetic trust of tests/fixtures/registers/trust (see its README): no size or VCSE columns anywhere. */
export const TRUST = join(import.meta.dirname, '../../fixtures/registers/trust');

export interface Trust {
  ledgers: LedgerFile[];
  reference: SupplierReference;
  extract: RegisterExtract;
}

/** The register files of the trust as readers' inputs, streamed in 7-byte chunks, kind told by each header. */
export function trustRegisterInputs(): RegisterInput[] {
  const dir = join(TRUST, 'registers');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const detected = detectRegisterFile(bytes);
      if (detected.kind === 'extract' || detected.kind === 'compressed' || detected.kind === 'unknown') {
        throw new Error(`${name} is not a register fixture`);
      }
      return { name, register: detected.kind, bytes: chunksOf(bytes, 7), size: bytes.length };
    });
}

export async function loadTrust(): Promise<Trust> {
  const ledgerDir = join(TRUST, 'ledger');
  const ledgers: LedgerFile[] = [];
  for (const name of readdirSync(ledgerDir).sort()) {
    ledgers.push(await readLedger({ name, bytes: new Uint8Array(readFileSync(join(ledgerDir, name))) }));
  }
  const reference = await readSupplierReference({
    name: 'suppliers.csv',
    bytes: new Uint8Array(readFileSync(join(TRUST, 'suppliers.csv'))),
  });
  const wants = collectRegisterWants(
    ledgers.flatMap((ledger) => ledger.lines),
    reference.records,
  );
  const extract = await buildRegisterExtract(trustRegisterInputs(), wants);
  return { ledgers, reference, extract };
}

/** The trust's report for May 2024 from FY 2023/24, classified with its registers. */
export function reportTrust(
  trust: Trust,
  options: { cooperativesAreVcse?: boolean; registers?: boolean } = {},
): Report {
  return buildReport(trust.ledgers, trust.reference, {
    firstYear: parseFinancialYear('2023/24'),
    reportMonth: '2024-05',
    classification: {
      locality: kentAndMedway,
      smeDefinition: 'procurement-act-2023',
      eurToGbp: 0.85,
      ...(options.registers === false ? {} : { registers: trust.extract }),
      cooperativesAreVcse: options.cooperativesAreVcse ?? false,
    },
  });
}

/** The classified supplier of that display name (the first, when two share it). */
export function supplierNamed(report: Report, name: string): ClassifiedSupplier {
  const found = report.suppliers.find((spend) => spend.supplier.name === name)?.supplier;
  if (found === undefined) throw new Error(`no supplier named ${name}`);
  return found;
}

/** `decision/basis` with `*` for a proxy, or just the decision when unknown: compact to compare. */
export const brief = (decision: ClassifiedSupplier['local']): string =>
  decision.basis === undefined
    ? decision.decision
    : `${decision.decision}/${decision.basis}${decision.proxy ? '*' : ''}`;

/** Every evidence sentence of a decision, joined, for matching with a regular expression. */
export const details = (decision: { evidence: readonly { detail: string }[] }): string =>
  decision.evidence.map((evidence) => evidence.detail).join('\n');
