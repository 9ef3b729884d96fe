import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { Span } from "../grammar/ast.js";
import { tokenize } from "../grammar/index.js";
import { Source } from "../grammar/source.js";
import { programRules } from "../grammar/walk.js";
import { ACTION_KEYWORDS, allTokens, AdditiveOperator, ComparisonOperator, Keyword, MultiplicativeOperator } from "../grammar/tokens.js";
import type { Analysis } from "./analysis.js";
import { programExpressions } from "./expressions.js";

const TYPES = ["keyword", "string", "number", "operator", "comment", "parameter", "variable", "property", "function", "enumMember"] as const;
type TokenKind = (typeof TYPES)[number];

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [] };

/** Token names by their kind, from the lexer's own token table. */
const KIND_OF_TOKEN: ReadonlyMap<string, TokenKind> = new Map(
  allTokens.flatMap((type): [string, TokenKind][] => {
    const categories = type.CATEGORIES ?? [];
    if (categories.includes(Keyword) || ACTION_KEYWORDS.includes(type)) return [[type.name, "keyword"]];
    if ([ComparisonOperator, AdditiveOperator, MultiplicativeOperator].some((c) => categories.includes(c)) || type.name === "Equals") return [[type.name, "operator"]];
    if (type.name === "StringLiteral") return [[type.name, "string"]];
    if (type.name === "IntLiteral") return [[type.name, "number"]];
    return [];
  }),
);

/**
 * Semantic tokens over what a TextMate grammar sees: which names are params, variables, fields and functions is
 * the checker's knowledge, and phases are names the checker knows. Words the lexer calls keywords but that stand
 * as names (a param called `count`) take the name's kind.
 */
export function semanticTokens(analysis: Analysis): SemanticTokens {
  const source = new Source(analysis.uri, analysis.text);
  const byStart = new Map<number, { span: Span; kind: TokenKind }>();
  const mark = (span: Span, kind: TokenKind) => byStart.set(span.start, { span, kind });
  const lexed = tokenize(source);
  for (const token of lexed.tokens) {
    const kind = KIND_OF_TOKEN.get(token.type);
    if (kind !== undefined) mark(token.span, kind);
  }
  for (const comment of lexed.comments) mark(comment.span, "comment");
  for (const { rule } of programRules(analysis.program.statements)) mark(rule.phase.span, "enumMember");
  for (const expression of programExpressions(analysis.program)) {
    if (expression.kind === "Call") mark(expression.callee.span, "function");
  }
  for (const [reference, resolution] of analysis.checked.references) {
    if (reference.span.end > analysis.text.length) continue;
    const kind: TokenKind = resolution.kind === "field" ? "property" : resolution.kind === "param" ? "parameter" : "variable";
    for (const segment of reference.segments) mark(segment.span, kind);
  }
  for (const statement of analysis.program.statements) if (statement.kind === "ParamDecl") mark(statement.name.span, "parameter");
  return { data: encode(source, [...byStart.values()].sort((a, b) => a.span.start - b.span.start)) };
}

/**
 * LSP's relative encoding: line delta, start delta, length, type, modifiers. Tokens may not overlap or span lines,
 * but a param inside a string's `${}` lies within the string's token: so every token is painted over the text,
 * inner ones last, and the runs of the painting are what is sent.
 */
function encode(source: Source, tokens: readonly { span: Span; kind: TokenKind }[]): number[] {
  const text = source.text;
  const paint = new Int8Array(text.length).fill(-1);
  const byLength = [...tokens].sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start));
  for (const { span, kind } of byLength) paint.fill(TYPES.indexOf(kind), span.start, span.end);
  const data: number[] = [];
  let line = 0;
  let lineStart = 0;
  let previous = { line: 0, column: 0 };
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = ++i;
      continue;
    }
    const kind = paint[i]!;
    let end = i + 1;
    while (end < text.length && paint[end] === kind && text.charCodeAt(end) !== 10) end++;
    if (kind >= 0) {
      const column = i - lineStart;
      data.push(line - previous.line, line === previous.line ? column - previous.column : column, end - i, kind, 0);
      previous = { line, column };
    }
    i = end;
  }
  return data;
}
