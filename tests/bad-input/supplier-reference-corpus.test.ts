import { describe, expect, it } from 'vitest';
import { readSupplierReference, SupplierReferenceError } from '../../shared/suppliers/index.ts';
import { REFERENCE_CASES } from './cases.ts';
import { corpusFile } from './corpus.ts';
import { expectIssue } from './expect-issue.ts';

describe.each(REFERENCE_CASES.map((entry) => [entry.file, entry] as const))('%s', (_, entry) => {
  const outcome = 'refused' in entry.expect ? 'refuses' : 'reads';

  it(`readSupplierReference ${outcome} ${entry.what}`, async () => {
    // prepare
    const file = await corpusFile(entry.file);
    // act
    const reading = readSupplierReference(file);
    // assert
    if ('refused' in entry.expect) {
      await expect(reading).rejects.toBeInstanceOf(SupplierReferenceError);
      await expect(reading).rejects.toThrow(entry.expect.refused);
      return;
    }
    const { records, names, issues } = entry.expect;
    const reference = await reading;
    expect(reference.records).toHaveLength(records);
    if (names !== undefined) expect(reference.records.map((record) => record.name)).toEqual(names);
    expect(reference.issues).toHaveLength(issues.length);
    issues.forEach((pin, i) => {
      expectIssue(reference.issues[i], pin, entry.file);
    });
  });
});
