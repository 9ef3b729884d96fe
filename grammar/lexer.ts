import type { ILexingError, IToken } from "chevrotain";
import { Lexer } from "./chevrotain.js";
import { allTokens } from "./tokens.js";

/**
 * Built once at module load. Only offsets are tracked: spans are offsets and line/column are derived when a
 * diagnostic is rendered, so line tracking would be wasted work. `ensureOptimizations` makes the lexer fail
 * loudly at load time if a token change ever disables its first-character dispatch.
 */
const ruleLexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });

export interface LexResult {
  /** The tokens the parser reads: no whitespace, no comments. */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Characters no token matches; syntax-errors.ts turns these into diagnostics. */
  readonly errors: ILexingError[];
}

export function lex(text: string): LexResult {
  const result = ruleLexer.tokenize(text);
  return { tokens: result.tokens, comments: result.groups["comments"] ?? [], errors: result.errors };
}
