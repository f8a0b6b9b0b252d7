import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ROBOTO_BOLD_WOFF,
  ROBOTO_REGULAR_WOFF,
  ROBOTO_VERSION,
} from '../../../../shared/report/chart/embedded-fonts.ts';

const require = createRequire(import.meta.url);

describe('the fonts embedded for the chart', () => {
  it('are the installed @fontsource/roboto files (run scripts/embed-chart-fonts.ts after upgrading it)', () => {
    const installed = JSON.parse(
      readFileSync(require.resolve('@fontsource/roboto/package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(ROBOTO_VERSION).toBe(installed.version);
    for (const [embedded, file] of [
      [ROBOTO_REGULAR_WOFF, 'roboto-latin-400-normal.woff'],
      [ROBOTO_BOLD_WOFF, 'roboto-latin-700-normal.woff'],
    ] as const) {
      const bytes = readFileSync(require.resolve(`@fontsource/roboto/files/${file}`));
      expect(Buffer.from(embedded, 'base64').equals(bytes), file).toBe(true);
    }
  });
});
