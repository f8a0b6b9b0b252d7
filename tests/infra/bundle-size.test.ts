import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SocvalStack } from '../../infra/socval-stack.ts';
import { newApp, testConfig } from './synth.ts';

/** Lambda unzips and loads the whole bundle on every cold start. */
const MAX_BUNDLE_BYTES = 2_000_000;

interface Bundle {
  bytes: number;
  /** Every module that put code in the bundle, as its source map names them. */
  sources: string[];
}

function bundleOf(scope: Construct): Bundle {
  const staging = scope.node.findAll().find((child): child is AssetStaging => child instanceof AssetStaging);
  if (staging === undefined) throw new Error(`${scope.node.path} has no bundled asset`);
  const file = path.join(staging.absoluteStagedPath, 'index.mjs');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return {
    bytes: statSync(file).size,
    sources: map.sources,
  };
}

/**
 * The real handlers, bundled by the real construct (NodejsFunction with infra/functions.ts's options:
 * ESM, minified, AWS SDK included), once each. To see what a bundle holds and why, build it with
 * esbuild's `metafile: true` and read `inputs[…].imports`.
 */
describe('the Lambda bundles', () => {
  const bundles: Partial<Record<'ingest' | 'report', Bundle>> = {};
  beforeAll(() => {
    const config = testConfig();
    const stack = new SocvalStack(newApp(), config.stackName, {
      env: { account: config.account, region: config.region },
      config,
      codeVersion: 'abc1234',
    });
    bundles.ingest = bundleOf(stack.functions.ingest.function);
    bundles.report = bundleOf(stack.functions.report.function);
  }, 120_000);

  it.each(['ingest', 'report'] as const)('keeps the %s bundle under 2 MB minified', (name) => {
    const bytes = bundles[name]?.bytes ?? Number.POSITIVE_INFINITY;
    expect(bytes, `${name}: ${(bytes / 1e6).toFixed(2)} MB`).toBeLessThan(MAX_BUNDLE_BYTES);
  });

  it('leaves the chart, its font and the workbook writer out of the ingest', () => {
    const sources = bundles.ingest?.sources ?? [];
    expect(sources.some((source) => source.endsWith('functions/ingest/handler.ts'))).toBe(true);
    for (const unwanted of [
      'node_modules/opentype.js/',
      'node_modules/pngjs/',
      'shared/report/chart/glyphs.ts',
      'node_modules/exceljs/lib/doc/workbook.js',
      'node_modules/exceljs/lib/stream/xlsx/workbook-writer.js',
    ]) {
      expect(sources.filter((source) => source.includes(unwanted))).toEqual([]);
    }
  });

  it('draws the chart text from the glyph tables, with no font parser in the report bundle', () => {
    const sources = bundles.report?.sources ?? [];
    expect(sources.some((source) => source.endsWith('shared/report/chart/glyphs.ts'))).toBe(true);
    expect(sources.filter((source) => source.includes('node_modules/opentype.js/'))).toEqual([]);
  });

  it.each(['ingest', 'report'] as const)(
    'takes only the English messages of zod into the %s bundle, not every locale',
    (name) => {
      const locales = (bundles[name]?.sources ?? []).filter((source) => source.includes('zod/v4/locales/'));
      expect(locales.map((source) => path.basename(source))).toEqual(['en.js']);
    },
  );
});
