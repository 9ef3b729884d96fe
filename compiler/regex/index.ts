import { computeByteClasses } from "./classes.js";
import { RegexCode } from "./codes.js";
import { buildDfa } from "./dfa.js";
import type { RegexError } from "./error.js";
import { mergeEquivalentClasses } from "./merge-classes.js";
import { minimizeDfa } from "./minimize.js";
import { buildNfa } from "./nfa.js";
import { parseRegex } from "./parse.js";
import { encodeTable } from "./table.js";

export { REGEX_CODES, RegexCode } from "./codes.js";
export type { RegexError } from "./error.js";
export { isTriviallyTrue, matchTable } from "./match.js";
export { decodeLayout, type TableLayout } from "./table.js";

export type RegexResult =
  | { readonly ok: true; readonly table: Uint8Array; readonly states: number }
  | { readonly ok: false; readonly errors: readonly RegexError[] };

export interface RegexOptions {
  /** States allowed in the minimal DFA; default 1024, at most 65534 (state ids are u16 and 0xFFFF means none). */
  readonly maxStates?: number;
}

export const DEFAULT_MAX_STATES = 1024;
/**
 * The unminimized automaton may be larger than the minimal one; allow it some slack before giving up, so the
 * budget is about the table's size, while still bounding build time.
 */
const CONSTRUCTION_SLACK = 4;

/**
 * Compiles a `matches` pattern to a DFA table (see table.ts): parse -> Thompson NFA -> subset construction over
 * byte classes -> Hopcroft minimization -> merged classes -> table. The table searches (unanchored unless the
 * pattern uses `^`/`$`) and is matched in one pass by `matchTable` or runtime/regex.ts.
 */
export function compileRegex(pattern: string, options: RegexOptions = {}): RegexResult {
  const maxStates = Math.max(1, Math.min(0xfffe, Math.floor(options.maxStates ?? DEFAULT_MAX_STATES)));
  const parsed = parseRegex(pattern);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const nfa = buildNfa(parsed.regex);
  const classes = computeByteClasses(nfa);
  const dfa = buildDfa(nfa, classes, maxStates * CONSTRUCTION_SLACK);
  const minimal = dfa === undefined ? undefined : minimizeDfa(dfa);
  if (minimal === undefined || minimal.stateCount > maxStates) {
    return {
      ok: false,
      errors: [
        {
          code: RegexCode.tooManyStates,
          message: `this pattern needs more than ${maxStates} DFA states; simplify it, e.g. avoid a counted or optional part after an unanchored or repeated wildcard (\`x.{20}\`)`,
          offset: 0,
          length: pattern.length,
          hint: "anchor the pattern with `^`, make the repeated part exclude the character before it (`x[^x]{20}`), or split it into several conditions joined with `and`/`or`",
        },
      ],
    };
  }
  const table = encodeTable(mergeEquivalentClasses(minimal));
  return { ok: true, table, states: minimal.stateCount };
}
