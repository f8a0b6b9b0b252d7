import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderShareChart } from '../../shared/report/index.ts';
import { octoberReport } from '../shared/email/helpers.ts';

/**
 * The chart must draw inside the Lambda bundle exactly as under tsx: bundled the way
 * infra/functions.ts bundles the handlers (ESM, `module` before `main`, minified, the require
 * banner), with no node_modules beside it and no fonts or system libraries to find.
 */
describe('the chart inside a Lambda-style bundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'socval-bundle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the same PNG bytes as the unbundled code', async () => {
    const entry = join(dir, 'entry.ts');
    await writeFile(
      entry,
      [
        `import { writeFileSync } from 'node:fs';`,
        `import { octoberReport } from ${JSON.stringify(resolve('tests/shared/email/helpers.ts'))};`,
        `import { renderShareChart } from ${JSON.stringify(resolve('shared/report/index.ts'))};`,
        `writeFileSync(process.argv[2], renderShareChart(octoberReport()).png);`,
      ].join('\n'),
    );
    const bundle = join(dir, 'index.mjs');
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      banner: {
        js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    const out = join(dir, 'chart.png');
    execFileSync(process.execPath, [bundle, out], { cwd: dir });

    const bundled = await readFile(out);
    expect(bundled.equals(Buffer.from(renderShareChart(octoberReport()).png))).toBe(true);
  });
});
