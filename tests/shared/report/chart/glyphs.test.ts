import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLYPH_MODULE, renderGlyphModule } from '../../../../scripts/embed-chart-fonts.ts';

describe('the glyph tables embedded for the chart', () => {
  it('are what scripts/embed-chart-fonts.ts extracts from the installed fonts (run it after upgrading them)', () => {
    expect(readFileSync(GLYPH_MODULE, 'utf8')).toBe(renderGlyphModule());
  });
});
