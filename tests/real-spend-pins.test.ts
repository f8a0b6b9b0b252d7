import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the pinned expectations for the real fixture files', () => {
  it('are exactly what the independent Python script computes from the raw bytes today', () => {
    const computed = execFileSync('python3', ['tests/fixtures/tools/expected_real_spend.py', '--stdout'], {
      encoding: 'utf8',
    });
    const pinned = readFileSync('tests/fixtures/real-spend-expected.json', 'utf8');
    expect(JSON.parse(computed)).toEqual(JSON.parse(pinned));
    expect(Object.keys(JSON.parse(pinned).files)).toHaveLength(110);
  });
});
