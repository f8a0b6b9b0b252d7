import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveKeys, UploadManifestSchema } from '../../shared/pipeline/index.ts';
import { type Pipeline, startPipeline } from './pipeline-harness.ts';

/** 300 good lines, each supplier and amount distinct, and every tenth amount unreadable (10%: rejected). */
const LINES = Array.from({ length: 330 }, (_, i) => {
  const day = String((i % 28) + 1).padStart(2, '0');
  const bad = i % 11 === 10;
  return {
    line: i + 2,
    supplier: `Goodrow Supplier ${String(i).padStart(3, '0')} Ltd`,
    amount: bad ? `BAD${i}..${i}` : `${1000 + i}.${String(i % 100).padStart(2, '0')}`,
    date: `${day}/05/2024`,
    bad,
  };
});
const FILE = ['Date,Supplier,Amount', ...LINES.map((l) => `${l.date},${l.supplier},${l.amount}`), ''].join(
  '\r\n',
);
const NAME = '2024-05 many rows.csv';

describe('a rejected file with many good rows: the error report and email carry only the offending cells', () => {
  let pipeline: Pipeline;
  let errorReport: string;
  let email: { text: string; html: string; attachment: string };
  const bad = LINES.filter((l) => l.bad);
  const good = LINES.filter((l) => !l.bad);

  beforeAll(async () => {
    pipeline = await startPipeline();
    const { results } = await pipeline.ingest(await pipeline.upload(`incoming/${NAME}`, FILE));
    expect(results[0]).toMatchObject({ outcome: 'rejected' });
    const sha256 = createHash('sha256').update(FILE).digest('hex');
    const manifest = UploadManifestSchema.parse(
      await pipeline.readArchiveJson(archiveKeys.uploadManifest(sha256)),
    );
    errorReport = (await pipeline.readArchive(manifest.errorReportKey ?? '')).toString('utf8');
    const [mail] = await pipeline.mailbox();
    const attached = mail?.attachments.find((a) => a.filename === `${NAME}.errors.csv`);
    email = {
      text: mail?.body.text ?? '',
      html: mail?.body.html ?? '',
      attachment: Buffer.from(attached?.content ?? '', 'base64').toString('utf8'),
    };
  });
  afterAll(() => pipeline.stop());

  it('has one error-report row per offending cell: file, line, column, value, reason', () => {
    expect(bad.length).toBe(30);
    const rows = errorReport
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1);
    // The first row says why the whole file was rejected, pointing at the first offending cell.
    expect(rows[0]).toMatch(/^2024-05 many rows\.csv,12,Amount,BAD10\.\.10,"30 of 330 payment lines/);
    const lineRows = rows.slice(1);
    expect(lineRows).toHaveLength(bad.length);
    for (const [i, offending] of bad.entries()) {
      expect(lineRows[i]?.startsWith(`${NAME},${offending.line},Amount,${offending.amount},`)).toBe(true);
    }
    expect(email.attachment).toBe(errorReport);
  });

  it('never repeats a good line, nor the other cells of a bad line', () => {
    for (const text of [errorReport, email.text, email.html]) {
      for (const line of LINES) {
        expect(text).not.toContain(line.supplier);
        expect(text).not.toContain(line.date);
      }
      for (const line of good) expect(text).not.toContain(line.amount);
      expect(text).not.toContain(FILE.split('\r\n')[1]);
    }
  });

  it('names the offending values in the email, at most the ones it lists', () => {
    const shown = bad.filter((l) => email.text.includes(l.amount));
    expect(shown.length).toBeGreaterThan(0);
    expect(email.text).toContain(`line ${bad[0]?.line}`);
  });
});
