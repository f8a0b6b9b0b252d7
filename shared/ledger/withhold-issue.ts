import type { LineIssue } from '../types.ts';

/** What an issue shows instead of the text of a withheld payee's cell. */
export const WITHHELD_TEXT = '(withheld)';

/**
 * The issue without its cell's text, for a line of a withheld (redacted or individual) payee: the
 * name, or part of it shifted into another column, is then repeated in no report, error report,
 * email or manifest. File, line and column still say where to look; an empty cell has nothing to hide.
 *
 * @example withholdIssue({ file: 'may.csv', line: 9, column: 'Amount', value: 'J Smith (REDACTED)', reason: '"J Smith (REDACTED)" is not a money amount' })
 * // → { …, value: '(withheld)', reason: 'this cell could not be read; its text is not repeated here …' }
 */
export function withholdIssue(issue: LineIssue, what = 'this cell could not be read'): LineIssue {
  if (issue.value === '') return issue;
  return {
    ...issue,
    value: WITHHELD_TEXT,
    reason: `${what}; its text is not repeated here because the line is a withheld payee's: correct it in the file`,
  };
}
