import type { RegexLiteral, Span } from "../../grammar/ast.js";
import { error } from "../../grammar/diagnostic.js";
import type { CheckContext } from "./context.js";

/**
 * Compiles the pattern of `matches` now, so a bad regular expression is a compile error pointing into the
 * pattern, not a filter that fails to load. The regex compiler's own codes and messages are kept: it documents
 * them.
 */
export function checkPattern(ctx: CheckContext, literal: RegexLiteral): void {
  const result = ctx.compileRegex(literal.pattern);
  if (result.ok) {
    ctx.regexTables.set(literal, result.table);
    return;
  }
  const raw = rawText(ctx, literal);
  for (const problem of result.errors) {
    const span = patternSpan(literal, problem.offset, problem.length, raw);
    ctx.report(error(problem.code, span, problem.message, problem.hint));
  }
}

/** The text between the quotes, when the source is known and matches the literal. */
function rawText(ctx: CheckContext, literal: RegexLiteral): string | undefined {
  const text = ctx.source?.text.slice(literal.span.start + 1, literal.span.end - 1);
  return text !== undefined && decodePattern(text) === literal.pattern ? text : undefined;
}

/** The parser's decoding of a pattern: `\\` and `\"` are escapes, every other backslash is kept. */
export function decodePattern(raw: string): string {
  return raw.replace(/\\([\\"])/g, "$1");
}

/**
 * Maps `[offset, offset + length)` in the decoded pattern to source offsets. Each decoded character takes one or
 * two source characters (`\\` and `\"` take two); the span always covers at least one character.
 */
export function patternSpan(literal: RegexLiteral, offset: number, length: number, raw?: string): Span {
  const starts = sourceStarts(literal, raw);
  const clamp = (i: number) => Math.max(0, Math.min(i, starts.length - 1));
  const start = starts[clamp(offset)]!;
  const end = starts[clamp(offset + length)]!;
  return { start, end: Math.max(end, start + 1) };
}

/**
 * Source offset of every decoded character, plus one for the closing quote. With the raw text this is exact.
 * Without it, `\"` is certain (a bare quote would end the string) but a decoded `\` may have been written `\` or
 * `\\`: the literal's length says how many were doubled, and they are assumed to be the first ones. Files that
 * double all their backslashes, or none, come out exact.
 */
function sourceStarts(literal: RegexLiteral, raw: string | undefined): number[] {
  const pattern = literal.pattern;
  const first = literal.span.start + 1;
  const starts: number[] = [];
  if (raw !== undefined) {
    for (let i = 0; i < raw.length; i++) {
      starts.push(first + i);
      if (raw[i] === "\\" && (raw[i + 1] === "\\" || raw[i + 1] === '"')) i++;
    }
    starts.push(first + raw.length);
    return starts;
  }
  const rawLength = literal.span.end - literal.span.start - 2;
  const quotes = [...pattern].filter((c) => c === '"').length;
  let doubled = Math.max(0, rawLength - pattern.length - quotes);
  let at = first;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    starts.push(at);
    const escaped = c === '"' || (c === "\\" && doubled-- > 0);
    at += escaped ? 2 : 1;
  }
  starts.push(at);
  return starts;
}
