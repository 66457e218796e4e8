/**
 * An error whose message is meant for the user: it names the problem, where it is, and how
 * to fix it. The CLI prints only the message and exits with code 2 for these.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(message);
  }
}

/** Where in a text input a problem sits (1-based line and column). */
export interface SourceLocation {
  line: number;
  column: number;
}

/** An InputError that points at a line and column of a file. */
export class ParseError extends InputError {
  constructor(
    readonly problem: string,
    readonly location: SourceLocation,
    readonly source = 'input',
  ) {
    super(`${source}:${location.line}:${location.column}: ${problem}`);
  }
}
