import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The core's promise: inputs in, values out — no clock, randomness, environment, files or AWS. */
const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'reads the clock'],
  [/new Date\(\s*\)/, 'reads the clock'],
  [/\bperformance\.now\s*\(/, 'reads the clock'],
  [/\bMath\.random\s*\(/, 'uses randomness'],
  [/\bprocess\./, 'reads the process environment'],
  [/from ['"](node:)?fs(\/promises)?['"]/, 'touches the file system'],
  [/from ['"]@aws-sdk\//, 'calls AWS'],
  [/from ['"]aws-cdk-lib/, 'depends on infrastructure'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the shared/ core', () => {
  it('reads no clock, randomness, environment or files and calls no AWS', () => {
    const offences = sourceFiles('shared').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, i) =>
          FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(
            ([, what]) => `${file}:${i + 1} ${what}: ${text.trim()}`,
          ),
        ),
    );
    expect(offences).toEqual([]);
    expect(sourceFiles('shared').length).toBeGreaterThan(20);
  });
});
