import type { ILexingError, IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF, tokenMatcher } from "./chevrotain.js";
import type { Span } from "./ast.js";
import { error, type Diagnostic, type RelatedSpan } from "./diagnostic.js";
import { closestWord } from "./suggest.js";
import * as t from "./tokens.js";
import { limitClauseWithoutNumber } from "./limit-syntax.js";

/**
 * The one adapter from Chevrotain's lexing and recognition errors to Diagnostics. Chevrotain knows which token
 * was wrong and what the grammar wanted there (parser.ts records the latter as a key in the exception message);
 * this module adds what an ops person needs: what the token was *for* ("a header name after `set`"), what was
 * found, and a hint for the usual slips (`=` for `==`, `&&`, misspelled keywords, a missing `}`).
 */

/** Where the lexed text sits: a whole file, the inside of one `${...}` parsed on its own, or a lone expression. */
export interface ErrorContext {
  readonly within: "file" | "interpolation" | "expression";
  /** Absolute offset of the lexed text's first character. */
  readonly base: number;
  readonly text: string;
  readonly tokens: readonly IToken[];
}

export function toDiagnostics(context: ErrorContext, lexErrors: readonly ILexingError[], parseErrors: readonly IRecognitionException[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of lexErrors) out.push(unexpectedCharacters(context, e));
  for (const token of context.tokens) {
    if (token.tokenType === t.StringLiteral && token.payload !== undefined) {
      const d = malformedString(context, token);
      if (d) out.push(d);
    }
  }
  const seen = new Set<number>();
  for (const e of parseErrors) {
    if (followsLexicalProblem(context, e.token, lexErrors)) continue;
    const d = recognitionError(context, e);
    // Recovery can fail twice on the same token (a rule and its caller); the first report is the precise one.
    if (seen.has(d.span.start)) continue;
    seen.add(d.span.start);
    out.push(d);
  }
  return out;
}

function isMalformedString(token: IToken): boolean {
  return token.tokenType === t.StringLiteral && (token.payload as t.StringPayload).problem !== undefined;
}

/**
 * One mistake, one message: when the lexer dropped characters just before the token the parser choked on, or
 * that token or the one before is a string that ran to the end of its line, the syntax error is a consequence
 * of a problem already reported.
 */
function followsLexicalProblem(context: ErrorContext, token: IToken, lexErrors: readonly ILexingError[]): boolean {
  const index = indexBefore(context, token);
  const previous = index >= 0 ? context.tokens[index] : undefined;
  if (isMalformedString(token) || (previous !== undefined && isMalformedString(previous))) return true;
  const from = previous ? previous.startOffset + previous.image.length : 0;
  const to = token.tokenType === EOF ? context.text.length : token.startOffset;
  return lexErrors.some((e) => e.offset >= from && e.offset < to);
}

const CHARACTER_HINTS: Readonly<Record<string, string>> = {
  "&": "combine conditions with `and`",
  "|": "combine conditions with `or`",
  "!": "negate a condition with `not`",
  "-": "header names and other text go in double quotes, e.g. \"x-request-id\"; negative numbers are not supported",
  "/": 'paths are strings: write "/admin"',
  "`": "strings use double quotes",
  $: "`${...}` interpolation only works inside a double-quoted string",
  ":": 'field names use dots (request.path) and a header is request.header["name"]',
};

function unexpectedCharacters(context: ErrorContext, e: ILexingError): Diagnostic {
  const text = context.text.slice(e.offset, e.offset + e.length);
  const span = { start: context.base + e.offset, end: context.base + e.offset + e.length };
  const message = e.length === 1 ? `unexpected character \`${text}\`` : `unexpected characters \`${text}\``;
  return error("E0101", span, message, CHARACTER_HINTS[text[0]!]);
}

function malformedString(context: ErrorContext, token: IToken): Diagnostic | undefined {
  const payload = token.payload as t.StringPayload;
  const span = tokenSpan(context, token);
  if (payload.quote === "'") {
    const inner = payload.problem === undefined ? token.image.slice(1, -1) : token.image.slice(1);
    return error("E0105", span, "strings use double quotes, not single quotes", `write "${inner.replace(/"/g, '\\"')}"`);
  }
  if (payload.problem?.kind === "unterminated") {
    return error("E0102", span, "unterminated string: the closing `\"` is missing", 'a string ends on the line it starts; add `"` at its end');
  }
  if (payload.problem?.kind === "unclosed-interpolation") {
    const at = payload.problem.at - token.startOffset;
    return error(
      "E0106",
      { start: span.start + at, end: span.end },
      "unterminated `${` in a string: the closing `}` is missing",
      "close the interpolation with `}`, or write `\\${` for a literal `${`",
    );
  }
  return undefined;
}

const END_OF_INPUT: Readonly<Record<ErrorContext["within"], string>> = {
  file: "the end of the file",
  interpolation: "the end of the `${...}`",
  expression: "the end of the expression",
};

interface Found {
  readonly token: IToken;
  readonly previous: IToken | undefined;
  readonly span: Span;
  /** How the found token reads in a message: `foo`, `"x"`, a string, the end of the file. */
  readonly text: string;
}

interface Problem {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly related?: readonly RelatedSpan[];
}

function recognitionError(context: ErrorContext, e: IRecognitionException): Diagnostic {
  const found = describeFound(context, e.token);
  const ruleStack = e.context?.ruleStack ?? [];
  const rule = ruleStack[ruleStack.length - 1] ?? "program";
  const key = e.message;
  const problem = key.startsWith("token:") ? missingToken(context, found, rule, key.slice(6)) : missingAlternative(context, found, rule, key.slice(4));
  const d = error(problem.code, found.span, problem.message, problem.hint);
  return problem.related ? { ...d, related: problem.related } : d;
}

function missingAlternative(context: ErrorContext, found: Found, rule: string, what: string): Problem {
  switch (what) {
    case "rule-body":
    case "action":
      return expectedAction(context, found, what === "rule-body");
    case "expression":
      return expectedValue(found);
    case "rewrite-target":
      return { code: "E0113", message: `expected \`path\` or \`prefix\` after \`rewrite\`, found ${found.text}`, hint: 'rewrite path "/new" or rewrite prefix "/old/" to "/new/"' };
    default:
      // `end`: input left after the entry rule; with recovery this is only reachable for an interpolation.
      return context.within === "file" ? expectedStatement(found, rule) : extraAfterExpression(context, found);
  }
}

function missingToken(context: ErrorContext, found: Found, rule: string, tokenName: string): Problem {
  const after = found.previous ? ` after ${quote(found.previous)}` : "";
  switch (tokenName) {
    case "EOF":
      return context.within === "file" ? expectedStatement(found, rule) : extraAfterExpression(context, found);
    case "RCurly":
      if (rule === "scopeDecl") return unexpectedInScope(found) ?? missingCloser(context, found, rule, tokenName);
      return missingCloser(context, found, rule, tokenName);
    case "RParen":
    case "RBracket":
      return missingCloser(context, found, rule, tokenName);
    case "StringLiteral":
      if (rule === "replace") return replaceTextProblem(found);
      return expectedString(context, found, rule);
    case "With":
      if (rule === "replace") return replaceWithProblem(found);
      return { code: "E0113", message: `expected \`with\`${after}, found ${found.text}` };
    case "Identifier":
      return expectedName(found, rule);
    case "Name":
      if (rule === "scopeDecl") return { code: "E0113", message: `expected \`host\`, \`host suffix\` or \`path prefix\` after \`for\`, found ${found.text}`, hint: SCOPE_EXAMPLE };
      return { code: "E0113", message: `expected a field name after \`.\`, found ${found.text}`, hint: "fields look like request.path or response.status" };
    case "Equals":
      if (rule === "letVariable" && found.token.tokenType === t.Dot) {
        return { code: "E0138", message: `a variable name is one word: \`let\` cannot set \`${found.previous?.image ?? ""}.…\``, hint: 'name the value, as in `let tenant = request.header["x-tenant"]`; to change a header, use `set "x-name" = value`' };
      }
      return {
        code: "E0113",
        message: `expected \`=\`${after}, found ${found.text}`,
        hint:
          found.token.tokenType === t.EqualsEquals
            ? "assign with a single `=`"
            : found.previous?.tokenType === t.StringLiteral && found.previous.image.includes("=")
              ? "the name contains `=`: is its closing `\"` missing?"
              : found.previous !== undefined && context.tokens[indexBefore(context, found.previous)]?.tokenType === t.Query
                ? 'set query "page" = "2"'
                : EQUALS_EXAMPLE[rule],
      };
    case "To":
      return { code: "E0113", message: `expected \`to\`${after}, found ${found.text}`, hint: rule === "headerRename" ? 'rename "x-old" to "x-new"' : 'rewrite prefix "/old/" to "/new/"' };
    case "On": {
      // `rule "name" shadwo on ...`: a misspelt `shadow` (docs/language.md, "Shadow mode").
      const shadow = found.token.tokenType === t.Identifier && closestWord(found.token.image, ["shadow"]) !== undefined;
      const hint = shadow ? 'did you mean `shadow`? rule "name" shadow on request_headers deny 403' : 'rule "name" on request_headers deny 403';
      return { code: "E0113", message: `expected \`on\` and a phase after the rule name, found ${found.text}`, hint };
    }
    case "LCurly":
      if (rule === "scopeDecl") return { code: "E0113", message: `expected \`{\` and the scope's rules${after}, found ${found.text}`, hint: SCOPE_EXAMPLE };
      return { code: "E0113", message: `expected \`{\` after \`with\`, found ${found.text}`, hint: 'respond 503 "unavailable" with { "retry-after" = "5" }' };
    default: {
      const label = t.allTokens.find((type) => type.name === tokenName)?.LABEL ?? tokenName;
      return { code: "E0113", message: `expected ${label}${after}, found ${found.text}` };
    }
  }
}

/** `replace` without its text or pattern in quotes: `replace secret with "x"`, `replace matches [0-9]+ with "#"`. */
function replaceTextProblem(found: Found): Problem {
  const matches = found.previous?.tokenType === t.Matches;
  return {
    code: "E0144",
    message: `expected ${matches ? "a regular expression" : "the text to replace"} in double quotes after ${matches ? "`replace matches`" : "`replace`"}, found ${found.text}`,
    hint: matches ? 'replace matches "[0-9]{16}" with "[card]"' : 'replace "secret" with "***" (or `replace matches "REGEX" with ...` for a pattern)',
  };
}

/** `replace "a" "b"`, `replace "a" to "b"`, `replace "a" = "b"`: the replacement comes after `with`. */
function replaceWithProblem(found: Found): Problem {
  return {
    code: "E0145",
    message: `expected \`with\` and the replacement after the text of \`replace\`, found ${found.text}`,
    hint: 'replace "secret" with "***"',
  };
}

const SCOPE_EXAMPLE = 'for host "api.example.com" { on request_headers set "x-api" = "1" }';

const EQUALS_EXAMPLE: Readonly<Record<string, string>> = {
  paramDecl: 'param name = "value"',
  headerAssign: 'set "x-header" = "value"',
  headerEntry: 'respond 503 with { "retry-after" = "5" }',
  letVariable: 'let tenant = request.header["x-tenant"]',
};

const ACTION_WORDS = t.ACTION_KEYWORDS.map(wordOf);
const STATEMENT_WORDS = t.STATEMENT_STARTS.map(wordOf);

function expectedAction(context: ErrorContext, found: Found, afterHeader: boolean): Problem {
  const bound = afterHeader ? undefined : countBoundProblem(found);
  if (bound !== undefined) return bound;
  const what = "an action (set, add, deny, ...)";
  let message = `expected ${what}, found ${found.text}`;
  let hint = actionHint(found);
  if (afterHeader) {
    if (ruleHasCondition(context, found.token)) {
      message = `expected ${what} after the condition, found ${found.text}`;
    } else {
      message = `expected \`when\` or ${what} after the phase, found ${found.text}`;
      if (hint === undefined && startsValue(found.token)) hint = "a condition starts with `when`: on request_headers when request.path == \"/\" deny 403";
    }
  }
  return { code: "E0112", message, hint: hint ?? (found.token.tokenType === EOF ? "every rule needs at least one action, e.g. deny 403" : undefined) };
}

function actionHint(found: Found): string | undefined {
  const type = found.token.tokenType;
  if (type === t.Equals) return "to compare values, use `==`";
  if (type === t.Shadow) return '`shadow` goes between the rule\'s name and `on`: rule "name" shadow on request_headers deny 403';
  if (type === t.Identifier) {
    const suggestion = closestWord(found.token.image, ACTION_WORDS);
    if (suggestion) return `did you mean \`${suggestion}\`?`;
  }
  if (type === t.And || type === t.Or || tokenMatcher(found.token, t.ComparisonOperator)) {
    return "the condition is complete before this word; wrap a longer condition in parentheses if needed";
  }
  return undefined;
}

function expectedValue(found: Found): Problem {
  const after = found.previous ? ` after ${quote(found.previous)}` : "";
  const keyword = tokenMatcher(found.token, t.Keyword) ? found.token.image : undefined;
  let hint = "a value is a string, a number, true or false, a list, a field such as request.path, a param or a call such as lower(...)";
  if (keyword === "path") hint = "`path` is a keyword; the request path is request.path";
  else if (t.ACTION_KEYWORDS.includes(found.token.tokenType) && found.previous) hint = `the condition ends too early: ${quote(found.previous)} needs a value before the action`;
  else if (keyword !== undefined) hint = `\`${keyword}\` is a keyword and cannot be used as a value`;
  else if (found.token.tokenType === t.Equals) hint = "to compare values, use `==`";
  else if (found.token.tokenType === t.Minus) hint = "there is no unary minus: write a negative number as a difference, e.g. `0 - 5`";
  return { code: "E0111", message: `expected a value${after}, found ${found.text}`, hint };
}

/** `only` or `limit` left over because what follows is not a list or a number: they belong to `count ... by`. */
function countBoundProblem(found: Found): Problem | undefined {
  // Right after the value of `by`, on its line: elsewhere the word is more likely a misspelled statement.
  // `limit` is a token of its own (a rate limit), still an identifier.
  if ((found.token.tokenType !== t.Identifier && found.token.tokenType !== t.Limit) || found.previous === undefined || found.previous.endLine !== found.token.startLine) return undefined;
  if (found.token.image === "only") return { code: "E0140", message: "`only` of `count ... by` takes a list of values in `[ ]`", hint: 'count "methods" by request.method only ["GET", "POST"]' };
  if (found.token.image === "burst" || found.token.image === "buckets") return limitClauseWithoutNumber(found.token.image);
  if (found.token.image === "limit") return { code: "E0141", message: "`limit` of `count ... by` takes a whole number", hint: 'count "tenants" by request.header["x-tenant"] limit 32' };
  return undefined;
}

/**
 * Clause words of `limit` and `authorize` that cannot start a statement: found where a statement should start, on
 * the line of the action, they most likely stand out of the fixed clause order (docs/language.md).
 */
const CLAUSE_ORDER: Readonly<Record<string, string>> = {
  by: "limit N per UNIT [by EXPR] [burst M] [buckets K] [headers off], or limit N per UNIT [by EXPR] via \"CLUSTER\" [timeout D] [on failure allow|deny]",
  via: "limit N per UNIT [by EXPR] via \"CLUSTER\" [timeout D] [on failure allow|deny]",
  grpc: 'authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR] [copy headers [...]]',
  send: 'authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR] [copy headers [...]]',
  copy: 'authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR] [copy headers [...]]',
  timeout: 'the clauses of `limit ... via` and `authorize`: ... [timeout D] [on failure allow|deny] ...',
};

function clauseOrderHint(found: Found): string | undefined {
  const order = CLAUSE_ORDER[found.token.image];
  if (order === undefined || found.previous === undefined || found.previous.endLine !== found.token.startLine) return undefined;
  return `\`${found.token.image}\` is out of place: the clauses come in this order: ${order}`;
}

function expectedStatement(found: Found, rule: string): Problem {
  const bound = countBoundProblem(found);
  if (bound !== undefined) return bound;
  const type = found.token.tokenType;
  let hint: string | undefined = clauseOrderHint(found);
  if (hint !== undefined) {
    // The clause word explains the error better than any statement keyword.
  } else if (type === t.RCurly) hint = "this `}` has no matching `{`";
  else if (t.ACTION_KEYWORDS.includes(type)) hint = "an action belongs to a rule: on request_headers " + found.token.image + " ...";
  else if (type === t.Identifier) {
    const suggestion = closestWord(found.token.image, STATEMENT_WORDS);
    hint = suggestion ? `did you mean \`${suggestion}\`?` : `each statement starts with ${t.STATEMENT_STARTS_TEXT}`;
  }
  const where = rule === "program" ? "" : " here";
  return { code: "E0110", message: `expected a statement (${t.STATEMENT_STARTS_TEXT})${where}, found ${found.text}`, hint };
}

/**
 * Inside `for ... { }` only rules and scopes may stand: an action needs its rule's `on PHASE` (a param is
 * reported by build-ast.ts). Undefined for anything else (a missing `}`).
 */
function unexpectedInScope(found: Found): Problem | undefined {
  const type = found.token.tokenType;
  if (t.ACTION_KEYWORDS.includes(type)) {
    return {
      code: "E0132",
      message: `expected a rule or a nested \`for\` inside the \`for\` block, found ${found.text}`,
      hint: `an action belongs to a rule, inside a scope as anywhere: on request_headers ${found.token.image} ...`,
    };
  }
  return undefined;
}

function extraAfterExpression(context: ErrorContext, found: Found): Problem {
  if (context.within === "expression") return { code: "E0118", message: `unexpected ${found.text} after the expression` };
  return { code: "E0118", message: `unexpected ${found.text} in \`\${...}\`: it holds a single expression`, hint: "close the interpolation with `}` before more text" };
}

const STRING_PURPOSE: Readonly<Record<string, string>> = {
  headerAssign: "a header name in double quotes",
  headerRemove: "a header name in double quotes",
  headerRename: "a header name in double quotes",
  headerEntry: "a header name in double quotes",
  ruleDecl: "the rule name in double quotes",
  rewrite: "a path prefix in double quotes",
  importDecl: "the path of a rule file in double quotes",
  count: "a metric name in double quotes",
  observe: "a metric name in double quotes",
};

/** The words that may follow an action's keyword where a header name is expected: `set query`, `remove prefix`. */
const ACTION_SECOND_WORDS: Readonly<Record<string, readonly string[]>> = {
  headerAssign: ["query"],
  headerRemove: ["query", "prefix"],
};
const SECOND_WORD_EXAMPLES: Readonly<Record<string, string>> = {
  query: 'query parameters are changed with `set query "name" = value` and `remove query "name"`',
  prefix: 'headers are removed by prefix with `remove prefix "x-internal-"`',
};

function expectedString(context: ErrorContext, found: Found, rule: string): Problem {
  const after = found.previous ? ` after ${quote(found.previous)}` : "";
  if (rule === "comparisonTail") {
    return {
      code: "E0115",
      message: `\`matches\` needs a regular expression in double quotes, found ${found.text}`,
      hint: 'patterns are written in place so they can be compiled ahead of time: request.path matches "^/v[0-9]+/"',
    };
  }
  const purpose = found.previous?.tokenType === t.Query ? "a query parameter name in double quotes" : (STRING_PURPOSE[rule] ?? "a string");
  let hint = found.token.tokenType === t.Identifier ? `put it in double quotes: "${unquotedWordAt(context, found.token)}"` : undefined;
  if (found.token.tokenType === t.Query && rule === "headerAssign") hint = 'query parameters are changed with `set query "name" = value` and `remove query "name"`';
  // `set qurey "k" = "v"`, `remove prefx "x-"`: a misspelt word of the action rather than a header name.
  const meant = found.token.tokenType === t.Identifier ? closestWord(found.token.image, ACTION_SECOND_WORDS[rule] ?? []) : undefined;
  if (meant !== undefined) hint = `did you mean \`${meant}\`? ${SECOND_WORD_EXAMPLES[meant]}`;
  return { code: "E0113", message: `expected ${purpose}${after}, found ${found.text}`, hint };
}

const NAME_PURPOSE: Readonly<Record<string, { what: string; hint?: string }>> = {
  paramDecl: { what: "a param name", hint: 'param max_age = 3600' },
  ruleDecl: { what: "a phase (request_headers or response_headers)", hint: "phases are written without quotes: on request_headers" },
  letVariable: { what: "a variable name", hint: 'let tenant = request.header["x-tenant"]' },
  log: { what: "a log level (trace, debug, info, warn, error or critical)", hint: 'the level comes before the message: log info "..."' },
};

function expectedName(found: Found, rule: string): Problem {
  const after = found.previous ? ` after ${quote(found.previous)}` : "";
  const purpose = NAME_PURPOSE[rule] ?? { what: "a name" };
  if (tokenMatcher(found.token, t.Keyword)) {
    return {
      code: "E0114",
      message: `\`${found.token.image}\` is a keyword and cannot be ${purpose.what.replace(/ \(.*\)$/, "")}`,
      hint: rule === "paramDecl" ? `choose another name, such as \`${found.token.image}_value\`` : purpose.hint,
    };
  }
  return { code: "E0113", message: `expected ${purpose.what}${after}, found ${found.text}`, hint: purpose.hint };
}

const OPENERS: Readonly<Record<string, { open: TokenType; close: TokenType; char: string; what: string }>> = {
  RCurly: { open: t.LCurly, close: t.RCurly, char: "}", what: "block" },
  RParen: { open: t.LParen, close: t.RParen, char: ")", what: "parenthesis" },
  RBracket: { open: t.LBracket, close: t.RBracket, char: "]", what: "bracket" },
};

/** What can stand between items of each bracketed construct, for "expected `,` or `]`". */
const CLOSER_CONTEXT: Readonly<Record<string, string>> = {
  actionBlock: "an action or `}`",
  responseHeaders: 'a header entry ("name" = value) or `}`',
  list: "`,` or `]`",
  call: "`,` or `)`",
  parenthesized: "`)`",
  reference: "`]` after the key",
};

function missingCloser(context: ErrorContext, found: Found, rule: string, tokenName: string): Problem {
  const pair = OPENERS[tokenName]!;
  const opener = findOpener(context, found.token, pair.open, pair.close);
  const structureMovedOn = found.token.tokenType === EOF || t.STATEMENT_KEYWORDS.includes(found.token.tokenType);
  if (opener !== undefined && structureMovedOn) {
    return {
      code: "E0117",
      message: `missing \`${pair.char}\`: this \`${opener.image}\` is never closed`,
      hint: `add \`${pair.char}\` before ${found.text}`,
      related: [{ span: tokenSpan(context, opener), message: `the ${pair.what} opened here` }],
    };
  }
  const expected = CLOSER_CONTEXT[rule] ?? `\`${pair.char}\``;
  if (rule === "actionBlock") return expectedActionInBlock(found, expected);
  return { code: "E0113", message: `expected ${expected}, found ${found.text}` };
}

function expectedActionInBlock(found: Found, expected: string): Problem {
  return { code: "E0112", message: `expected ${expected}, found ${found.text}`, hint: actionHint(found) };
}

/** The unmatched opening bracket before `token`, skipping balanced pairs. */
function findOpener(context: ErrorContext, token: IToken, open: TokenType, close: TokenType): IToken | undefined {
  let depth = 0;
  for (let i = indexBefore(context, token); i >= 0; i--) {
    const type = context.tokens[i]!.tokenType;
    if (type === close) depth++;
    else if (type === open) {
      if (depth === 0) return context.tokens[i];
      depth--;
    }
  }
  return undefined;
}

/** Whether the rule being parsed at `token` has a `when`: the nearest `when` comes after the nearest `on`. */
function ruleHasCondition(context: ErrorContext, token: IToken): boolean {
  for (let i = indexBefore(context, token); i >= 0; i--) {
    const type = context.tokens[i]!.tokenType;
    if (type === t.When) return true;
    if (type === t.On) return false;
  }
  return false;
}

/** The unquoted header-like word starting at `token`, which the lexer split at its dashes: `x-request-id`. */
function unquotedWordAt(context: ErrorContext, token: IToken): string {
  const word = /[A-Za-z0-9_][A-Za-z0-9_.-]*/y;
  word.lastIndex = token.startOffset;
  return word.exec(context.text)?.[0] ?? token.image;
}

function startsValue(token: IToken): boolean {
  const type = token.tokenType;
  return [t.Identifier, t.Limit, t.StringLiteral, t.IntLiteral, t.True, t.False, t.Not, t.LParen, t.LBracket].includes(type);
}

function describeFound(context: ErrorContext, token: IToken): Found {
  const isEnd = token.tokenType === EOF;
  const index = indexBefore(context, token);
  const previous = index >= 0 ? context.tokens[index] : undefined;
  let span: Span;
  if (!isEnd) span = tokenSpan(context, token);
  else if (previous) span = { start: tokenSpan(context, previous).end, end: tokenSpan(context, previous).end };
  else span = { start: context.base + context.text.length, end: context.base + context.text.length };
  let text: string;
  if (isEnd) text = END_OF_INPUT[context.within];
  else if (token.tokenType === t.StringLiteral && token.image.length > 30) text = "a string";
  else text = `\`${token.image}\``;
  return { token, previous, span, text };
}

/** Index of the last token that starts before `token` (all tokens for the end of input). */
function indexBefore(context: ErrorContext, token: IToken): number {
  const tokens = context.tokens;
  if (token.tokenType === EOF || Number.isNaN(token.startOffset)) return tokens.length - 1;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < token.startOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function tokenSpan(context: ErrorContext, token: IToken): Span {
  return { start: context.base + token.startOffset, end: context.base + token.startOffset + token.image.length };
}

function quote(token: IToken): string {
  return token.tokenType === t.StringLiteral && token.image.length > 30 ? "the string" : `\`${token.image}\``;
}

function wordOf(type: TokenType): string {
  return (type.LABEL ?? type.name).replace(/`/g, "");
}
