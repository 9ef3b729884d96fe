import type { IToken } from "chevrotain";
import * as t from "./tokens.js";

/**
 * Statements a file must have past which it is parsed a statement at a time (grammar/index.ts, `parseInChunks`):
 * each statement's concrete syntax tree then dies young (a generated rule's CST is about 10 KB, so a 50,000-rule
 * file parsed at once held 530 MB of it). Smaller files are parsed whole, as one run.
 */
export const STATEMENTS_PER_CHUNK = 256;

/**
 * Splits a file's tokens into runs of about `size` whole statements, for parsing one run at a time: each run's
 * CST is turned into AST and dropped before the next is parsed, so memory holds one run's CST, not the file's.
 *
 * A run ends just before a `rule` or `param` keyword outside any bracket: both only ever start a statement
 * (an unnamed rule's `on` is left inside its run). For a file that parses without errors, parsing the runs one
 * after another gives the statements of parsing it whole, since the grammar is `statement*`. The caller parses
 * the whole file instead when any run has an error, so diagnostics and recovery are those of one parse.
 * Returns undefined when the file is too small to be worth splitting.
 */
export function statementChunks(tokens: readonly IToken[], size = STATEMENTS_PER_CHUNK): IToken[][] | undefined {
  const chunks: IToken[][] = [];
  let depth = 0;
  let statements = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === t.LParen || type === t.LBracket || type === t.LCurly) depth++;
    else if (type === t.RParen || type === t.RBracket || type === t.RCurly) depth = Math.max(0, depth - 1);
    else if ((type === t.Rule || type === t.Param) && depth === 0 && tokens[i - 1]?.tokenType !== t.Dot) {
      if (statements === size) {
        chunks.push(tokens.slice(start, i));
        start = i;
        statements = 0;
      }
      statements++;
    }
  }
  if (chunks.length === 0) return undefined;
  chunks.push(tokens.slice(start));
  return chunks;
}
