import { expect } from 'vitest';
import type { LineIssue } from '../../shared/types.ts';
import type { PinnedIssue } from './cases.ts';

/** The issue names the file, line, column and value pinned, and says what the pin says. */
export function expectIssue(actual: LineIssue | undefined, pin: PinnedIssue, file: string): void {
  expect(actual, `no issue where ${pin.says} was expected`).toBeDefined();
  const { line, column, value, reason } = actual as LineIssue;
  expect({ file: actual?.file, line, column, value }).toEqual({
    file,
    line: pin.line,
    column: pin.column ?? '',
    value: pin.value ?? '',
  });
  expect(reason).toMatch(pin.says);
}
