/**
 * Canonical spelling of string and regex literals. The printer writes strings from their decoded value, so `"\$5"`
 * becomes `"$5"` and `"\u{e9}"` becomes `"é"`; escapes are kept only where the character could not be seen or
 * would end the string: `\\`, `\"`, `\n`, `\t`, `\r`, `\$` before `{`, and `\u{...}` for other control, format,
 * separator and unassigned characters (a zero-width space stays visible as `\u{200B}`).
 */

const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/** Control, format, surrogate, private-use, unassigned and separator characters; a plain space is fine as is. */
const INVISIBLE = /^[\p{C}\p{Z}]$/u;

/**
 * The text between the quotes for a decoded value. In a template, a `$` that ends a text part is followed by the
 * `$` of the next `${`, never by `{`, so it needs no escape.
 */
export function escapeText(value: string): string {
  let out = "";
  const chars = [...value];
  chars.forEach((char, i) => {
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) out += named;
    else if (char === "$" && chars[i + 1] === "{") out += "\\$";
    else if (char !== " " && INVISIBLE.test(char)) out += unicodeEscape(char);
    else out += char;
  });
  return out;
}

export function quoteString(value: string): string {
  return `"${escapeText(value)}"`;
}

/**
 * The text between the quotes for a `matches` pattern, chosen so that the parser's decoding (only `\\` and `\"`
 * are escapes; every other backslash pair is kept for the regex) gives back exactly `pattern`. Regex escapes such
 * as `\d` and `\.` are written as they are; a backslash the regex sees escaped (`\\`) is written `\\\\`.
 *
 * Returns undefined for a pattern no valid file can produce (an unescaped `${`), so the caller can keep the
 * source text instead.
 */
export function escapeRegex(pattern: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const next = pattern[i + 1];
    if (c === "\\") {
      if (next === undefined) {
        out += "\\\\";
        i += 1;
      } else if (next === "\\" && pattern[i + 2] === "$" && pattern[i + 3] === "{") {
        // `\\` then `${`: pairing the second backslash with the `$` keeps `${` from opening an interpolation.
        out += "\\\\\\$";
        i += 3;
      } else if (next === "\\") {
        out += "\\\\\\\\";
        i += 2;
      } else if (next === '"') {
        out += '\\\\\\"';
        i += 2;
      } else {
        out += c + next;
        i += 2;
      }
      continue;
    }
    if (c === "$" && next === "{") return undefined;
    out += c === '"' ? '\\"' : c;
    i += 1;
  }
  return out;
}

function unicodeEscape(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`;
}
