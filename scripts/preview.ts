/**
 * `npm run preview`: pictures of what the board receives, from the sample trust — the email HTML
 * rendered by headless Chromium, and the workbook printed by LibreOffice (PDF, then PNG pages with
 * pdftoppm). Each renderer is used when installed (Debian: chromium, libreoffice-calc, poppler-utils)
 * and skipped with a note otherwise. Writes docs/preview/.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runReport } from '../cli/run-report.ts';
import { generateSampleTrust } from '../sample/generate-trust.ts';
import { writeSampleTrust } from '../sample/write-sample.ts';
import { chartColoursOf, SettingsSchema } from '../shared/config/settings.ts';
import { composeReportEmail } from '../shared/email/index.ts';
import { workbookName } from '../shared/pipeline/index.ts';
import { renderShareChart } from '../shared/report/index.ts';

const OUT = resolve('docs/preview');
const TRUST = 'Kent Valley NHS Foundation Trust (sample)';

function which(...names: string[]): string | undefined {
  for (const name of names) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

const work = await mkdtemp(join(tmpdir(), 'socval-preview-'));
await mkdir(OUT, { recursive: true });
const trust = await generateSampleTrust();
await writeSampleTrust(work, trust);
const settings = SettingsSchema.parse({ trustName: TRUST });
const { report, written } = await runReport(
  { ledger: [join(work, 'extracts')], suppliers: join(work, 'suppliers.csv'), out: join(work, 'out') },
  settings,
);
const workbook =
  written.find((path) => path.endsWith('.xlsx')) ?? join(work, 'out', workbookName(report.reportMonth));
const chart = renderShareChart(report, chartColoursOf(settings));
const chartId = 'share-chart@socval';
const email = composeReportEmail(report, {
  trustName: TRUST,
  archiveLocation: `s3://socval-archive/reports/${report.reportMonth}/`,
  attachmentName: workbookName(report.reportMonth),
  accent: settings.brandColour,
  chart: { src: `cid:${chartId}`, alt: chart.alt, width: chart.width, height: chart.height },
});
// A mail client shows the cid: image from inside the message; the browser gets it from a file beside the HTML.
const htmlPath = join(work, 'email.html');
await writeFile(join(work, 'share-of-spend.png'), chart.png);
await writeFile(htmlPath, email.html.replace(`cid:${chartId}`, 'share-of-spend.png'));
await writeFile(join(OUT, 'share-of-spend.png'), chart.png);
await writeFile(join(OUT, 'email.txt'), `Subject: ${email.subject}\n\n${email.text}`);

const chromium = which('chromium', 'chromium-browser', 'google-chrome');
if (chromium) {
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(work, 'chromium')}`,
      '--hide-scrollbars',
      '--window-size=760,2200',
      `--screenshot=${join(OUT, 'email.png')}`,
      `file://${htmlPath}`,
    ],
    { stdio: 'ignore' },
  );
  console.log(`email: ${join(OUT, 'email.png')}`);
} else {
  console.log('email: skipped (install chromium to render it)');
}

const soffice = which('soffice', 'libreoffice');
const pdftoppm = which('pdftoppm');
if (soffice && pdftoppm) {
  execFileSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', work, workbook], {
    stdio: 'ignore',
    env: { ...process.env, HOME: work },
  });
  const pdf = join(work, workbookName(report.reportMonth).replace(/\.xlsx$/, '.pdf'));
  for (const old of await readdir(OUT)) if (old.startsWith('workbook-')) await rm(join(OUT, old));
  execFileSync(pdftoppm, ['-png', '-r', '70', '-f', '1', '-l', '4', pdf, join(OUT, 'workbook')]);
  console.log(
    `workbook: ${(await readdir(OUT))
      .filter((f) => f.startsWith('workbook-'))
      .map((f) => join(OUT, f))
      .join(', ')}`,
  );
} else {
  console.log('workbook: skipped (install libreoffice-calc and poppler-utils to render it)');
}
await rm(work, { recursive: true, force: true });
