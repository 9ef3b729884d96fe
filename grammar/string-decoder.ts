import { error, type Diagnostic } from "./diagnostic.js";
import { findInterpolationEnd } from "./string-scanner.js";

/**
 * Turns the text of a string token into what it means: decoded text runs and the `${...}` regions to parse,
 * or, after `matches`, a regular expression pattern. Offsets in the results are absolute (into the file), so
 * spans and diagnostics need no further shifting.
 */

export interface StringToken {
  /** The token text including its quotes (no closing quote when the string is unterminated). */
  readonly image: string;
  /** Absolute offset of the opening quote. */
  readonly offset: number;
  readonly quote: '"' | "'";
  /** False when the lexer found no closing quote; the error was reported there. */
  readonly closed: boolean;
}

export type StringPart =
  | { readonly kind: "text"; readonly value: string; readonly start: number; readonly end: number }
  /** `start`/`end` delimit the text between `${` and `}`. */
  | { readonly kind: "interpolation"; readonly start: number; readonly end: number };

export interface DecodedString {
  readonly parts: readonly StringPart[];
  /** The text between the quotes, as written. */
  readonly raw: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', n: "\n", t: "\t", r: "\r", $: "$" };
const ESCAPES_HINT = "the escapes are \\\\ \\\" \\n \\t \\r \\$ and \\u{XXXX}; write \\\\ for a backslash";

function rawBounds(token: StringToken): { from: number; to: number } {
  return { from: 1, to: token.closed ? token.image.length - 1 : token.image.length };
}

export function decodeString(token: StringToken): DecodedString {
  const { image, offset, quote } = token;
  const { from, to } = rawBounds(token);
  const parts: StringPart[] = [];
  const diagnostics: Diagnostic[] = [];
  let text = "";
  let textStart = from;
  const flushText = (end: number) => {
    if (end > textStart) parts.push({ kind: "text", value: text, start: offset + textStart, end: offset + end });
    text = "";
  };

  let i = from;
  while (i < to) {
    const c = image[i]!;
    if (c === "\\") {
      const escaped = decodeEscape(image, i, to, quote, offset, diagnostics);
      text += escaped.value;
      i = escaped.next;
      continue;
    }
    if (c === "$" && image[i + 1] === "{" && quote === '"') {
      const close = findInterpolationEnd(image, i + 2);
      // An unclosed `${` was reported by the lexer; what follows it stays text so nothing is reported twice.
      if (close.problem === undefined && close.end <= to) {
        flushText(i);
        const inner = { start: i + 2, end: close.end - 1 };
        if (image.slice(inner.start, inner.end).trim() === "") {
          diagnostics.push(
            error("E0107", { start: offset + i, end: offset + close.end }, "empty `${}` in a string", "put an expression inside, e.g. `${request.path}`, or write `\\${` for a literal `${`"),
          );
        } else {
          parts.push({ kind: "interpolation", start: offset + inner.start, end: offset + inner.end });
        }
        i = close.end;
        textStart = i;
        continue;
      }
    }
    text += c;
    i++;
  }
  flushText(to);
  return { parts, raw: image.slice(from, to), diagnostics };
}

function decodeEscape(
  image: string,
  at: number,
  to: number,
  quote: '"' | "'",
  offset: number,
  diagnostics: Diagnostic[],
): { value: string; next: number } {
  const next = image[at + 1];
  if (next === undefined || at + 1 >= to) {
    // A lone backslash before the end: only possible in an unterminated string, which is already reported.
    return { value: "\\", next: at + 1 };
  }
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, next: at + 2 };
  if (next === quote) return { value: quote, next: at + 2 };
  if (next === "u") return decodeUnicodeEscape(image, at, to, offset, diagnostics);
  const span = { start: offset + at, end: offset + at + 2 };
  const regexHint = /[dDwWsSbB.*+?()[\]{}|^]/.test(next)
    ? "regular expression escapes only work in the pattern after `matches`; elsewhere write \\\\ for a backslash"
    : ESCAPES_HINT;
  diagnostics.push(error("E0103", span, `unknown escape \`\\${next}\` in a string`, regexHint));
  return { value: "\\" + next, next: at + 2 };
}

function decodeUnicodeEscape(image: string, at: number, to: number, offset: number, diagnostics: Diagnostic[]): { value: string; next: number } {
  const match = /^\\u\{([0-9A-Fa-f]{1,6})\}/.exec(image.slice(at, to));
  const codePoint = match ? parseInt(match[1]!, 16) : NaN;
  if (match && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    return { value: String.fromCodePoint(codePoint), next: at + match[0].length };
  }
  const end = match ? at + match[0].length : at + 2;
  const message = match ? `\`${match[0]}\` is not a Unicode character` : "invalid Unicode escape: `\\u` must be followed by `{`, 1 to 6 hex digits and `}`";
  diagnostics.push(error("E0104", { start: offset + at, end: offset + end }, message, "write a code point in hex between braces, e.g. \\u{e9} for é"));
  return { value: "\uFFFD", next: end };
}

export interface DecodedRegex {
  readonly pattern: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The pattern after `matches`: only the escapes that let a quote or backslash be written are decoded. Every other
 * backslash sequence reaches the regex compiler untouched (`\d`, `\.`, `\$`).
 */
export function decodeRegex(token: StringToken): DecodedRegex {
  const { image, offset, quote } = token;
  const { from, to } = rawBounds(token);
  const diagnostics: Diagnostic[] = [];
  let pattern = "";
  let i = from;
  while (i < to) {
    const c = image[i]!;
    if (c === "\\" && i + 1 < to) {
      const next = image[i + 1]!;
      pattern += next === "\\" || next === quote ? next : c + next;
      i += 2;
      continue;
    }
    if (c === "$" && image[i + 1] === "{" && quote === '"') {
      const close = findInterpolationEnd(image, i + 2);
      const end = close.problem === undefined ? Math.min(close.end, to) : to;
      diagnostics.push(
        error(
          "E0108",
          { start: offset + i, end: offset + end },
          "a `matches` pattern cannot contain `${...}`",
          "patterns are compiled before any request arrives, so they must be constant; write \\${ to match a literal `${`",
        ),
      );
    }
    pattern += c;
    i++;
  }
  return { pattern, diagnostics };
}
