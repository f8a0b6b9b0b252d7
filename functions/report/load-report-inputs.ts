import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { buildPostcodeLookup, collectRegisterWants } from '../../shared/classify/index.ts';
import { collectCuratedRows } from '../../shared/curated/index.ts';
import {
  chooseRegisterUploads,
  collectWantedPostcodes,
  ledgerFileFromManifest,
  orderUploads,
  type ReferenceManifest,
  type RegisterUpload,
  type UploadManifest,
  UploadProblemsSchema,
} from '../../shared/pipeline/index.ts';
import { collectExtractPostcodes } from '../../shared/registers/index.ts';
import { readSupplierReference } from '../../shared/suppliers/index.ts';
import type { LedgerFile, PostcodeLookup, SupplierReference } from '../../shared/types.ts';
import { getJson, getObjectBytes, getObjectStream, readObjectLines } from '../adapters/s3.ts';
import { loadReferenceManifests, loadUploadManifests } from '../archive/archive-records.ts';
import type { PipelineDeps } from '../deps.ts';
import { mapLimited } from '../map-limited.ts';
import { type LoadedRegisterExtract, loadRegisterExtract } from './load-register-extract.ts';

export interface ReportInputs {
  /** Every ledger upload, accepted or rejected, in the order they replace each other. */
  uploads: UploadManifest[];
  ledgers: LedgerFile[];
  suppliers?: { manifest: ReferenceManifest; reference: SupplierReference };
  postcodes?: { manifest: ReferenceManifest; lookup: PostcodeLookup };
  /** The open register files chosen, and the extract of them for this report's suppliers. */
  registers?: { manifests: RegisterUpload[] } & LoadedRegisterExtract;
}

/** Reads at most this many uploads' curated rows at once. */
const READ_CONCURRENCY = 8;

/**
 * Everything the report is built from, read back from the archive: each upload as the `LedgerFile` the CLI
 * would have read from its bytes (curated lines, issues, skipped lines), the latest accepted supplier
 * reference, the register extract for these suppliers (`loadRegisterExtract`), and the latest postcode
 * lookup streamed and kept to the postcodes the report can use (register rows' included, as the CLI does).
 */
export async function loadReportInputs({ config, s3 }: PipelineDeps): Promise<ReportInputs> {
  const archive = config.archiveBucket;
  const uploads = orderUploads(await loadUploadManifests(s3, archive));
  const ledgers = await mapLimited(uploads, READ_CONCURRENCY, async (manifest) => {
    const lines =
      manifest.status === 'accepted' && manifest.curatedKey
        ? await collectCuratedRows(readObjectLines(s3, archive, manifest.curatedKey))
        : [];
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
    ? await readSupplierReference({
        name: suppliersManifest.name,
        bytes: await getObjectBytes(s3, archive, suppliersManifest.rawKey),
      })
    : undefined;
  const inputs: ReportInputs = { uploads, ledgers };
  if (suppliersManifest && reference) inputs.suppliers = { manifest: suppliersManifest, reference };
  const registerUploads = chooseRegisterUploads(references);
  if (registerUploads.length > 0) {
    const wants = collectRegisterWants(
      ledgers.flatMap((ledger) => ledger.lines),
      reference?.records ?? [],
    );
    const loaded = await loadRegisterExtract(s3, archive, registerUploads, wants, config.codeVersion);
    inputs.registers = { manifests: registerUploads, ...loaded };
  }
  if (postcodesManifest) {
    const body = await getObjectStream(s3, archive, postcodesManifest.rawKey);
    const records = parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
    pipeline(body, records, () => {
      // A failed read destroys `records`, which then rejects the loop reading it.
    });
    const wanted = collectWantedPostcodes(ledgers, reference);
    for (const postcode of inputs.registers ? collectExtractPostcodes(inputs.registers.extract) : []) {
      wanted.add(postcode.replace(/\s+/g, ''));
    }
    const lookup = await buildPostcodeLookup(records, wanted);
    inputs.postcodes = { manifest: postcodesManifest, lookup };
  }
  return inputs;
}
