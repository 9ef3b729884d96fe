import type { IToken } from "chevrotain";
import type { Comment, Expression, Import, Program, Statement } from "./ast.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostic.js";
import type { Source } from "./source.js";
import { astBuilder } from "./build-ast.js";
import type { ProgramCstNode } from "./cst.js";
import { lex } from "./lexer.js";
import { arithmeticTooDeep, fileTooLarge, MAX_FILE_CHARS, namesWithinLimit, scanNesting, scopesTooDeep, tooManyOperators, withinOperatorLimit } from "./limits.js";
import { parseTokens } from "./parser.js";
import { statementChunks, STATEMENTS_PER_CHUNK } from "./statement-chunks.js";
import { StatementShapes } from "./statement-shapes.js";
import { toDiagnostics } from "./syntax-errors.js";

export type * from "./ast.js";
export { GRAMMAR_CODES } from "./codes.js";

/** More errors than this are noise: the first ones explain the rest. */
export const MAX_DIAGNOSTICS = 100;

export interface ParseResult {
  /** Best effort when there are errors: constructs that could not be understood are left out. */
  readonly program: Program;
  /** Sorted by position, at most MAX_DIAGNOSTICS. */
  readonly diagnostics: Diagnostic[];
}

/** Parses a rule file. Never throws for bad input: every problem is a diagnostic. */
export function parse(source: Source): ParseResult {
  const text = source.text;
  const span = { start: 0, end: text.length };
  if (text.length > MAX_FILE_CHARS) return { program: { kind: "Program", span, statements: [], comments: [] }, diagnostics: [fileTooLarge(text.length)] };
  const lexed = lex(text);
  const comments = lexed.comments.map(toComment);
  const nesting = scanNesting(lexed.tokens, 0, 0);
  const tooDeep = nesting.tooDeep ?? scopesTooDeep(lexed.tokens);
  if (tooDeep !== undefined) {
    // Parsing would recurse past the stack: report the lexical problems and the nesting, and parse nothing.
    const diagnostics = [...toDiagnostics({ within: "file", base: 0, text, tokens: lexed.tokens }, lexed.errors, []), tooDeep];
    return { program: { kind: "Program", span, statements: [], comments }, diagnostics: sortDiagnostics(diagnostics).slice(0, MAX_DIAGNOSTICS) };
  }
  const inChunks = lexed.errors.length === 0 ? parseInChunks(lexed.tokens, nesting.stringLevels) : undefined;
  const parsed = inChunks === undefined ? parseTokens(lexed.tokens, "program") : undefined;
  const diagnostics = toDiagnostics({ within: "file", base: 0, text, tokens: lexed.tokens }, lexed.errors, parsed?.errors ?? []);
  if (inChunks !== undefined) diagnostics.push(...inChunks.diagnostics);
  const built = inChunks?.statements ?? (parsed?.cst === undefined ? [] : astBuilder.buildProgram(parsed.cst as ProgramCstNode, diagnostics, nesting.stringLevels));
  const imports = built.filter((s): s is Import => s.kind === "Import");
  const statements = withinOperatorLimit(built.filter((s): s is Statement => s.kind !== "Import"), diagnostics);
  namesWithinLimit(statements, diagnostics);
  const program: Program = { kind: "Program", span, statements, comments, ...(imports.length > 0 && { imports }) };
  return { program, diagnostics: sortDiagnostics(diagnostics).slice(0, MAX_DIAGNOSTICS) };
}

/**
 * A large file parsed a statement at a time (statement-chunks.ts), each statement's CST built into AST and
 * dropped before the next: the same statements as one parse, in a fraction of the memory, and a statement shaped
 * like an earlier one copies that one's parse instead of parsing again (statement-shapes.ts). Undefined when the
 * file is small, or when a statement has a syntax error: the caller then parses the file whole, so that recovery
 * and its diagnostics are those of one parse.
 */
function parseInChunks(tokens: IToken[], stringLevels: Map<IToken, number>): { statements: (Statement | Import)[]; diagnostics: Diagnostic[] } | undefined {
  const runs = statementChunks(tokens, 1);
  // Small files (a few hundred statements) stay one parse, as they always were.
  if (runs === undefined || runs.length <= STATEMENTS_PER_CHUNK) return undefined;
  const shapes = new StatementShapes();
  const statements: (Statement | Import)[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const run of runs) {
    const cst = shapes.parse(run);
    if (cst === undefined) return undefined;
    for (const statement of astBuilder.buildProgram(cst as ProgramCstNode, diagnostics, stringLevels)) statements.push(statement);
  }
  return { statements, diagnostics };
}

export interface TokenizeResult {
  readonly tokens: readonly TokenInfo[];
  readonly comments: readonly Comment[];
  /** Lexical problems only: unexpected characters and malformed strings. */
  readonly diagnostics: Diagnostic[];
}

/** A token as tests and tools see it: its grammar name (`Identifier`, `Deny`, `StringLiteral`), text and span. */
export interface TokenInfo {
  readonly type: string;
  readonly image: string;
  readonly span: { readonly start: number; readonly end: number };
}

export function tokenize(source: Source): TokenizeResult {
  const lexed = lex(source.text);
  const diagnostics = toDiagnostics({ within: "file", base: 0, text: source.text, tokens: lexed.tokens }, lexed.errors, []);
  return {
    tokens: lexed.tokens.map((token) => ({ type: token.tokenType.name, image: token.image, span: spanOf(token) })),
    comments: lexed.comments.map(toComment),
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/**
 * Parses a lone expression, as written inside `${...}`: for tools (a REPL, `filterc test` assertions) and tests.
 * `expression` is undefined only when nothing usable was found.
 */
export function parseExpression(source: Source): { expression: Expression | undefined; diagnostics: Diagnostic[] } {
  const text = source.text;
  if (text.length > MAX_FILE_CHARS) return { expression: undefined, diagnostics: [fileTooLarge(text.length)] };
  const lexed = lex(text);
  const nesting = scanNesting(lexed.tokens, 0, 0);
  if (nesting.tooDeep !== undefined) return { expression: undefined, diagnostics: [nesting.tooDeep] };
  const parsed = parseTokens(lexed.tokens, "interpolation");
  const diagnostics = toDiagnostics({ within: "expression", base: 0, text, tokens: lexed.tokens }, lexed.errors, parsed.errors);
  const built = parsed.cst === undefined ? undefined : astBuilder.buildExpression(parsed.cst, diagnostics, nesting.stringLevels);
  const tooLarge = built && (tooManyOperators(built) ?? arithmeticTooDeep(built));
  if (tooLarge !== undefined) diagnostics.push(tooLarge);
  const expression = tooLarge === undefined ? built : undefined;
  return { expression, diagnostics: sortDiagnostics(diagnostics).slice(0, MAX_DIAGNOSTICS) };
}

function toComment(token: IToken): Comment {
  return { kind: "Comment", span: spanOf(token), text: token.image.slice(1) };
}

function spanOf(token: IToken): { start: number; end: number } {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}
