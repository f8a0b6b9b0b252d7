import { describe, expect, it } from 'vitest';
import { readLedger } from '../../shared/ledger/index.ts';
import type { LedgerFile } from '../../shared/types.ts';
import { expectedFrom, stream } from '../shared/ledger/stream-harness.ts';
import { LEDGER_CASES, type LedgerCase, REFERENCE_CASES } from './cases.ts';
import { corpusFile, corpusFiles } from './corpus.ts';
import { expectIssue } from './expect-issue.ts';

describe('the bad-input corpus', () => {
  it('pins an outcome for every file, and every pinned file exists', () => {
    // prepare
    const pinned = new Set([...LEDGER_CASES, ...REFERENCE_CASES].map((entry) => entry.file));
    // act
    const files = corpusFiles();
    // assert
    expect(files.filter((file) => !pinned.has(file))).toEqual([]);
    expect([...pinned].filter((file) => !files.includes(file))).toEqual([]);
  });

  it('holds at least 40 hostile or broken ledger files', () => {
    expect(new Set(LEDGER_CASES.map((entry) => entry.file)).size).toBeGreaterThanOrEqual(40);
  });
});

const label = (entry: LedgerCase) =>
  entry.options ? `${entry.file} ${JSON.stringify(entry.options)}` : entry.file;

describe.each(LEDGER_CASES.map((entry) => [label(entry), entry] as const))('%s', (_, entry) => {
  // Read once, for both tests: the heavy files take seconds.
  let reading: Promise<LedgerFile> | undefined;
  const read = () => {
    reading ??= corpusFile(entry.file).then((file) => readLedger(file, entry.options));
    return reading;
  };

  it(`readLedger: ${'accepted' in entry.expect ? 'accepts' : 'rejects'} ${entry.what}`, async () => {
    // act
    const ledger = await read();
    // assert
    expect(ledger.name).toBe(entry.file);
    expect(ledger.sha256).toMatch(/^[0-9a-f]{64}$/);
    if ('rejected' in entry.expect) {
      expect(ledger.status).toBe('rejected');
      expect(ledger.lines).toEqual([]);
      expectIssue(ledger.rejection, entry.expect.rejected, entry.file);
      return;
    }
    const { lines, pence, issues = [], suppliers } = entry.expect.accepted;
    expect(ledger.status, ledger.rejection?.reason).toBe('accepted');
    expect(ledger.lines).toHaveLength(lines);
    expect(ledger.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(pence);
    expect(ledger.issues).toHaveLength(issues.length);
    issues.forEach((pin, i) => {
      expectIssue(ledger.issues[i], pin, entry.file);
    });
    if (suppliers !== undefined) expect(ledger.lines.map((line) => line.supplier)).toEqual(suppliers);
  });

  it('readLedgerStream decides exactly as readLedger, in any chunks, read once or twice', async () => {
    // prepare
    const file = await corpusFile(entry.file);
    const expected = expectedFrom(await read());
    // act
    const once = await stream(file, 65_536, entry.options, Number.POSITIVE_INFINITY);
    const twice = entry.heavy ? once : await stream(file, 4096, entry.options, 0);
    const small = entry.heavy || file.bytes.length > 1_000_000 ? once : await stream(file, 7, entry.options);
    // assert
    expect(once).toEqual(expected);
    expect(twice).toEqual(expected);
    expect(small).toEqual(expected);
  });
});
