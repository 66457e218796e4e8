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

/**
 * A random choice (a lifting, linear forms, start coefficients) fell on the measure-zero set
 * where it is not generic. Neither a bug nor bad input, but the user's to fix, the same way:
 * another seed draws another choice. The message ends with that advice.
 */
export class NonGenericError extends InputError {
  constructor(problem: string, advice = 'try another seed') {
    super(`${problem}; ${advice}`);
  }
}

/**
 * The one check of an integer option (workers, batch size, seeds…), in the library and on the
 * command line alike: `value` if it is an integer in [min, max], else an InputError naming the
 * option (`shown`: the value as the user wrote it). Without `max` the words are "a positive integer".
 */
export function checkInteger(name: string, value: number, min = 1, max?: number, shown = String(value)): number {
  if (Number.isSafeInteger(value) && value >= min && value <= (max ?? Number.MAX_SAFE_INTEGER)) return value;
  const range = max !== undefined ? `an integer from ${min} to ${max}` : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
  throw new InputError(`${name} must be ${range}, got ${shown}`);
}
