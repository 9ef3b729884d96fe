/**
 * A problem in a regular expression, located in the pattern string (not the rule file): the caller adds the
 * pattern's own position in the source to `offset` when it turns this into a Diagnostic.
 */
export interface RegexError {
  readonly code: string;
  readonly message: string;
  /** UTF-16 offset into the pattern string, as JavaScript indexes it. */
  readonly offset: number;
  readonly length: number;
  readonly hint?: string;
}

/**
 * Thrown inside the parser only, to unwind from deep recursion at the first error; `parseRegex` catches it and
 * returns the error as data, so no caller sees an exception for bad input.
 */
export class RegexFailure extends Error {
  constructor(readonly error: RegexError) {
    super(error.message);
  }
}

export function regexFailure(code: string, offset: number, length: number, message: string, hint?: string): RegexFailure {
  return new RegexFailure(hint === undefined ? { code, message, offset, length } : { code, message, offset, length, hint });
}
