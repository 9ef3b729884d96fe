import { compileRegex, type RegexResult } from "../compiler/regex/index.js";

/** More distinct patterns than this and the memo starts again: a bound on memory, far above a real rule set's. */
const MAX_PATTERNS = 10_000;

const compiled = new Map<string, RegexResult>();

/**
 * compileRegex, remembered by pattern: a keystroke changes one rule, and compiling every `matches` of a 1,000-rule
 * file to a minimal DFA again was a tenth of each analysis. The result depends on the pattern alone (the checker
 * passes no options), and the checker and lint only read the tables.
 */
export function rememberedRegex(pattern: string): RegexResult {
  let result = compiled.get(pattern);
  if (result === undefined) {
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    result = compileRegex(pattern);
    compiled.set(pattern, result);
  }
  return result;
}
