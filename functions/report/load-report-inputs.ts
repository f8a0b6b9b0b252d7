import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  buildPostcodeLookup,
  collectRegisterWants,
  POSTCODE_LOOKUP_CSV,
  PostcodeLookupError,
} from '../../shared/classify/index.ts';
import {
  collectCuratedTable,
  concatLines,
  createLineStrings,
  LineTable,
  supplierReferenceFromCurated,
} from '../../shared/curated/index.ts';
import {
  chooseRegisterUploads,
  collectWantedPostcodes,
  ledgerFileFromManifest,
  orderUploads,
  type ReferenceManifest,
  type ReportManifest,
  type UploadManifest,
  UploadProblemsSchema,
} from '../../shared/pipeline/index.ts';
import { collectExtractPostcodes } from '../../shared/registers/index.ts';
import type { LedgerFile, PostcodeLookup, SupplierReference } from '../../shared/types.ts';
import {
  getJson,
  getObjectBytes,
  getObjectStream,
  objectExists,
  readObjectLineBatches,
} from '../adapters/s3.ts';
import { loadReferenceManifests, loadUploadManifests } from '../archive/archive-records.ts';
import type { PipelineDeps } from '../deps.ts';
import { logError } from '../log.ts';
import { mapLimited } from '../map-limited.ts';
import { type LoadedRegisterExtract, loadRegisterExtract } from './load-register-extract.ts';

export interface ReportInputs {
  /** Every ledger upload, accepted or rejected, in the order they replace each other. */
  uploads: UploadManifest[];
  /** Each upload as a `LedgerFile` whose lines are held as columns (a `LineTable`, ~40 bytes a line). */
  ledgers: TableLedger[];
  suppliers?: { manifest: ReferenceManifest; reference: SupplierReference };
  postcodes?: { manifest: ReferenceManifest; lookup: PostcodeLookup };
  /** The open register files read, and the extract of them for this report's suppliers. */
  registers?: LoadedRegisterExtract;
  /** Accepted reference files that could not be read after all, which the report went without. */
  unreadable: NonNullable<ReportManifest['unreadableInputs']>;
}

/** A ledger file with its lines in a `LineTable`. */
export type TableLedger = Omit<LedgerFile, 'lines'> & { lines: LineTable };

/** Reads at most this many uploads' curated rows at once. */
const READ_CONCURRENCY = 8;

/**
 * Everything the report is built from, read back from the archive: each upload as the `LedgerFile` the CLI
 * would have read from its bytes (curated lines, issues, skipped lines), the latest accepted supplier
 * reference as the ingest read it (`curated/suppliers/<sha256>.json`), the register extract for these
 * suppliers (`loadRegisterExtract`), and the latest postcode lookup streamed and kept to the postcodes the
 * report can use (register rows' included, as the CLI does).
 */
export async function loadReportInputs({ config, s3 }: PipelineDeps): Promise<ReportInputs> {
  const archive = config.archiveBucket;
  const uploads = orderUploads(await loadUploadManifests(s3, archive));
  // One copy of each supplier spelling, file name, date, postcode… for all the report's lines.
  const strings = createLineStrings();
  const ledgers = await mapLimited(uploads, READ_CONCURRENCY, async (manifest) => {
    const lines =
      manifest.status === 'accepted' && manifest.curatedKey
        ? await collectCuratedTable(readObjectLineBatches(s3, archive, manifest.curatedKey), {
            strings,
            // The manifest's count (checked below): the columns are made the right size at once.
            capacity: manifest.rows,
          })
        : new LineTable({ strings });
    const problems = manifest.problemsKey
      ? await getJson(s3, archive, manifest.problemsKey, UploadProblemsSchema)
      : undefined;
    return ledgerFileFromManifest(manifest, lines, problems);
  });

  const references = orderUploads(await loadReferenceManifests(s3, archive)).filter(
    (manifest) => manifest.status === 'accepted',
  );
  const suppliersManifest = references.filter((manifest) => manifest.kind === 'suppliers').at(-1);
  const postcodesManifest = references.filter((manifest) => manifest.kind === 'postcodes').at(-1);

  const reference = suppliersManifest
    ? supplierReferenceFromCurated(
        suppliersManifest,
        suppliersManifest.curatedKey !== undefined &&
          (await objectExists(s3, archive, suppliersManifest.curatedKey))
          ? Buffer.from(await getObjectBytes(s3, archive, suppliersManifest.curatedKey)).toString('utf8')
          : undefined,
      )
    : undefined;
  const inputs: ReportInputs = { uploads, ledgers, unreadable: [] };
  if (suppliersManifest && reference) inputs.suppliers = { manifest: suppliersManifest, reference };
  const registerUploads = chooseRegisterUploads(references);
  if (registerUploads.length > 0) {
    const wants = collectRegisterWants(
      concatLines(ledgers.map((ledger) => ledger.lines)),
      reference?.records ?? [],
    );
    const loaded = await loadRegisterExtract(s3, archive, registerUploads, wants, config.codeVersion);
    inputs.registers = loaded;
    for (const { upload, line, column, reason } of loaded.unreadable) {
      inputs.unreadable.push({
        kind: 'register',
        register: upload.register,
        name: upload.name,
        sha256: upload.sha256,
        key: upload.rawKey,
        line,
        ...(column === undefined ? {} : { column }),
        reason,
      });
    }
  }
  if (postcodesManifest) {
    const body = await getObjectStream(s3, archive, postcodesManifest.rawKey);
    const records = parse(POSTCODE_LOOKUP_CSV);
    pipeline(body, records, () => {
      // A failed read destroys `records`, which then rejects the loop reading it.
    });
    const wanted = collectWantedPostcodes(
      ledgers,
      reference,
      inputs.registers ? collectExtractPostcodes(inputs.registers.extract) : [],
    );
    try {
      const lookup = await buildPostcodeLookup(records, wanted);
      inputs.postcodes = { manifest: postcodesManifest, lookup };
    } catch (error) {
      // Only a lookup accepted before the ingest read lookups whole can fail here: go on without it, saying so.
      if (!(error instanceof CsvError || error instanceof PostcodeLookupError)) throw error;
      const line = (error as { lines?: unknown }).lines;
      inputs.unreadable.push({
        kind: 'postcodes',
        name: postcodesManifest.name,
        sha256: postcodesManifest.sha256,
        key: postcodesManifest.rawKey,
        line: typeof line === 'number' ? line : 0,
        reason: error.message,
      });
      logError('postcode lookup unreadable: the report goes on without it', {
        sha256: postcodesManifest.sha256,
        key: postcodesManifest.rawKey,
      });
    }
  }
  return inputs;
}
