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

/**
 * Where the scan stands: inside a string (with its quote) or inside a `${` (with the braces opened in it). The
 * frames are an explicit stack, not recursion, so `"${"${"${...}"}"}"` nested any depth cannot overflow the call
 * stack; how deep templates may nest is the parser's limit (limits.ts), reported as a diagnostic.
 */
type Frame = { readonly kind: "string"; readonly quote: number } | { kind: "interpolation"; braces: number; readonly at: number };

/** Scans the string whose opening quote (`"` or `'`) is at `start`. */
export function scanString(text: string, start: number): StringScan {
  return scan(text, start + 1, [{ kind: "string", quote: text.charCodeAt(start) }]);
}

/**
 * From just inside `${`, finds the offset just past the matching `}`. Braces balance and nested strings are
 * skipped whole, so a `}` inside `"..."` does not close the interpolation.
 */
export function findInterpolationEnd(text: string, from: number): StringScan {
  return scan(text, from, [{ kind: "interpolation", braces: 0, at: -1 }]);
}

function scan(text: string, from: number, stack: Frame[]): StringScan {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === RETURN) break;
    const top = stack[stack.length - 1]!;
    if (top.kind === "string") {
      if (c === top.quote) {
        stack.pop();
        i++;
        if (stack.length === 0) return { end: i };
      } else if (c === BACKSLASH) {
        const next = text.charCodeAt(i + 1);
        // A backslash before the line break does not continue the string onto the next line.
        i += next === NEWLINE || next === RETURN || Number.isNaN(next) ? 1 : 2;
      } else if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE && top.quote === DOUBLE_QUOTE) {
        stack.push({ kind: "interpolation", braces: 0, at: i });
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) stack.push({ kind: "string", quote: c });
    else if (c === OPEN_BRACE) top.braces++;
    else if (c === CLOSE_BRACE) {
      if (top.braces > 0) top.braces--;
      else {
        stack.pop();
        if (stack.length === 0) return { end: i + 1 };
      }
    }
    i++;
  }
  return { end: i, problem: unfinished(stack) };
}

/** The line ended inside `stack`: blame the innermost `${` still open, else the string itself. */
function unfinished(stack: readonly Frame[]): StringScanProblem {
  for (let k = stack.length - 1; k >= 0; k--) {
    const frame = stack[k]!;
    if (frame.kind === "interpolation") return frame.at < 0 ? { kind: "unterminated" } : { kind: "unclosed-interpolation", at: frame.at };
  }
  return { kind: "unterminated" };
}
