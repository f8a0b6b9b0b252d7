/** Where in a register file a problem is: the file as named, its 1-based line, and the column when one is to blame. */
export interface RegisterPlace {
  file: string;
  line: number;
  column?: string;
  /** The value found there, as written, when one value is to blame. */
  value?: string;
}

/**
 * A register file cannot be read as the register it was given as: not that register's layout, cut
 * short, or a value in a column the readers rely on is unreadable. The message names the file, line
 * and column and says what to do.
 */
export class RegisterFormatError extends Error {
  override name = 'RegisterFormatError';
  readonly file: string;
  readonly line: number;
  readonly column: string | undefined;
  readonly value: string | undefined;
  /** The message without the place: what is wrong and what to do. */
  readonly problem: string;

  constructor(place: RegisterPlace, problem: string) {
    const column = place.column === undefined ? '' : `, column "${place.column}"`;
    super(`${place.file} line ${place.line}${column}: ${problem}`);
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.value = place.value;
    this.problem = problem;
  }
}
