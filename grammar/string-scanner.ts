/**
 * Finds where a string literal ends. Strings may hold `${ ... }` interpolations that contain further quoted
 * strings (`"id=${request.header["x-id"]}"`), so a regular expression cannot find the closing quote; this scanner
 * walks escapes, balanced braces and nested strings instead. It only measures: decoding happens in
 * string-decoder.ts once the parser has accepted the token.
 *
 * A string never spans lines. Stopping at the line break turns a forgotten closing quote into one precise
 * "unterminated string" instead of swallowing the rest of the file.
 */

export type StringScanProblem =
  | { readonly kind: "unterminated" }
  /** `at` is the offset of the `$` of the `${` that is still open at the end of the line. */
  | { readonly kind: "unclosed-interpolation"; readonly at: number };

export interface StringScan {
  /** Offset just past the token: after the closing quote, or at the line break / end of text. */
  readonly end: number;
  readonly problem?: StringScanProblem;
}

const BACKSLASH = 92;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const NEWLINE = 10;
const RETURN = 13;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** Scans the string whose opening quote (`"` or `'`) is at `start`. */
export function scanString(text: string, start: number): StringScan {
  const quote = text.charCodeAt(start);
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === quote) return { end: i + 1 };
    if (c === NEWLINE || c === RETURN) return { end: i, problem: { kind: "unterminated" } };
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      // A backslash before the line break does not continue the string onto the next line.
      i += next === NEWLINE || next === RETURN || Number.isNaN(next) ? 1 : 2;
      continue;
    }
    if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE && quote === DOUBLE_QUOTE) {
      const close = findInterpolationEnd(text, i + 2);
      if (close.problem !== undefined) return { end: close.end, problem: close.problem.kind === "unterminated" ? { kind: "unclosed-interpolation", at: i } : close.problem };
      i = close.end;
      continue;
    }
    i++;
  }
  return { end: i, problem: { kind: "unterminated" } };
}

/**
 * From just inside `${`, finds the offset just past the matching `}`. Braces balance and nested strings are
 * skipped whole, so a `}` inside `"..."` does not close the interpolation.
 */
export function findInterpolationEnd(text: string, from: number): StringScan {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === RETURN) break;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const inner = scanString(text, i);
      if (inner.problem !== undefined) return inner;
      i = inner.end;
      continue;
    }
    if (c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACE) {
      if (depth === 0) return { end: i + 1 };
      depth--;
    }
    i++;
  }
  return { end: i, problem: { kind: "unterminated" } };
}
