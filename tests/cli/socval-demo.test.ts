import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, socval } from './run-socval.ts';

/** The base64 body of the MIME part with this content type (its header may be folded), decoded. */
function attachmentOf(eml: string, contentType: string): Buffer {
  const start = eml.indexOf(contentType);
  expect(start).toBeGreaterThan(0);
  const body = eml.slice(eml.indexOf('\r\n\r\n', start) + 4);
  return Buffer.from(body.slice(0, body.indexOf('\r\n--')).replace(/\s+/g, ''), 'base64');
}

describe('socval demo on a trust no other test uses', () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof socval>>;
  let report: Awaited<ReturnType<typeof socval>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-demo-'));
    await run('python3', ['tests/acceptance/tools/make_trust.py', dir, '--seed', '31']);
    const files = [
      '--ledger',
      join(dir, 'extracts'),
      '--suppliers',
      join(dir, 'suppliers.csv'),
      '--from-fy',
      '2022/23',
    ];
    demo = await socval('demo', ...files, '--out', join(dir, 'demo'));
    report = await socval('report', ...files, '--out', join(dir, 'report'), '--json');
  }, 120_000);

  it('runs the pipeline through local S3 and SES and says where everything is', () => {
    expect(demo.stderr).not.toMatch(/\n\s+at /);
    expect(demo.code).toBe(1); // the data set holds one file that must be rejected
    expect(demo.stdout).toMatch(/Report for 2024-04: sent/);
    expect(demo.stdout).toMatch(/email\.eml/);
  });

  it('gives exactly the summary.json that socval report gives for the same files', async () => {
    const fromDemo = JSON.parse(await readFile(join(dir, 'demo', 'summary.json'), 'utf8'));
    expect(fromDemo).toEqual(JSON.parse(report.stdout));
  });

  it('emails the workbook byte for byte as archived', async () => {
    const eml = await readFile(join(dir, 'demo', 'email.eml'), 'latin1');
    expect(eml).toMatch(/^Subject: Social value spend — April 2024|Subject: =\?UTF-8\?/m);
    const attached = attachmentOf(eml, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await readFile(join(dir, 'demo', 'social-value-2024-04.xlsx'));
    expect(attached.equals(workbook)).toBe(true);
  });

  it('leaves the archive tree with the originals, curated rows, manifests and quarantine', async () => {
    const current = JSON.parse(
      await readFile(join(dir, 'demo', 'archive', 'manifests', 'current.json'), 'utf8'),
    );
    expect(current).toBeTruthy();
    const summary = JSON.parse(report.stdout) as {
      files: { name: string; sha256: string; status: string }[];
    };
    for (const file of summary.files) {
      const folder = file.status === 'accepted' ? 'raw/ledger' : 'quarantine';
      const original = await readFile(join(dir, 'demo', 'archive', folder, file.sha256, file.name));
      expect(original.length).toBeGreaterThan(0);
    }
  });
});
