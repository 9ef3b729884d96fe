import type { CustomPatternMatcherReturn, TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";
import { scanString, type StringScanProblem } from "./string-scanner.js";

/**
 * The tokens of the rule language.
 *
 * Categories carry the grammar's two keyword subtleties:
 * - `Name` covers identifiers *and* keywords, because a segment after a dot may be a keyword (`request.path`,
 *   where `path` is also the keyword of `rewrite path`).
 * - `ComparisonOperator` lets one grammar alternative accept every non-associative operator.
 */

/** Identifiers and every keyword: what a field segment after `.` may be. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
export const ComparisonOperator = createToken({ name: "ComparisonOperator", pattern: Lexer.NA });
/** `+` and `-`, one precedence level; `*`, `/` and `%` the level above it (docs/language.md, Arithmetic). */
export const AdditiveOperator = createToken({ name: "AdditiveOperator", pattern: Lexer.NA });
export const MultiplicativeOperator = createToken({ name: "MultiplicativeOperator", pattern: Lexer.NA });

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name", categories: [Name] });

/** `set_default` becomes the token `SetDefault`: terminals are capitalised, grammar rules are not. */
function keyword(word: string, categories: TokenType[] = []): TokenType {
  const name = word.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
  return createToken({
    name,
    label: `\`${word}\``,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Keyword, Name, ...categories],
  });
}

export const Param = keyword("param");
export const Import = keyword("import");
export const Rule = keyword("rule");
export const On = keyword("on");
/** `rule "name" shadow on ...`: evaluate and report, enforce nothing (docs/language.md, "Shadow mode"). */
export const Shadow = keyword("shadow");
export const When = keyword("when");
export const Else = keyword("else");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const In = keyword("in", [ComparisonOperator]);
export const Contains = keyword("contains", [ComparisonOperator]);
export const StartsWith = keyword("starts_with", [ComparisonOperator]);
export const EndsWith = keyword("ends_with", [ComparisonOperator]);
export const Matches = keyword("matches");
export const True = keyword("true");
export const False = keyword("false");
export const Set = keyword("set");
export const SetDefault = keyword("set_default");
export const Add = keyword("add");
export const Remove = keyword("remove");
export const Rename = keyword("rename");
export const Rewrite = keyword("rewrite");
export const Path = keyword("path");
export const Query = keyword("query");
export const Prefix = keyword("prefix");
export const To = keyword("to");
export const Deny = keyword("deny");
export const Respond = keyword("respond");
export const With = keyword("with");
export const Redirect = keyword("redirect");
export const Log = keyword("log");
export const Stop = keyword("stop");
/** `for host "..." { RULES }`: a scope (docs/language.md, "Scoping rules to hosts and paths"). */
export const For = keyword("for");
export const Let = keyword("let");

/**
 * `count` and `observe` start an action, but are not reserved: their tokens are also identifiers (a category), so a
 * param or function argument named `count` still parses wherever a name goes.
 */
function word(name: string): TokenType {
  return createToken({ name: name.replace(/^./, (c) => c.toUpperCase()), label: `\`${name}\``, pattern: new RegExp(name), longer_alt: Identifier, categories: [Identifier, Name] });
}
export const Count = word("count");
export const Observe = word("observe");
/** `replace "text" with EXPR` in a body phase; `replace(...)` is also a function, so `replace` is an identifier too. */
export const Replace = word("replace");

/** `limit N per UNIT ...`: a local rate limit (docs/language.md, "Rate limits"); also an identifier. */
export const Limit = word("limit");
/** `authorize with "CLUSTER" ...`: external authorization (docs/language.md, "External authorization"); also an identifier. */
export const Authorize = word("authorize");

/** Words that begin an action; the parser's "expected an action" message and the did-you-mean hint list them. */
export const ACTION_KEYWORDS: readonly TokenType[] = [Set, Add, SetDefault, Remove, Rename, Rewrite, Deny, Respond, Redirect, Log, Stop, Let, Count, Observe, Replace, Limit, Authorize];
/** Words that begin a top-level statement: what E0110 lists (STATEMENT_STARTS_TEXT) and its did-you-mean suggests. */
export const STATEMENT_STARTS: readonly TokenType[] = [On, Rule, Param, Import, For];
/**
 * Words at which a statement's structure has moved on past any expression (a bracket still open there is never
 * closed: E0117, limits.ts): the statement starts, and `shadow`, which is a keyword of a rule's head (between its
 * name and `on`) but starts no statement, so E0110 does not offer it.
 */
export const STATEMENT_KEYWORDS: readonly TokenType[] = [...STATEMENT_STARTS, Shadow];
/** The statement starts as messages list them: "`on`, `rule`, `param`, `import` or `for`". */
export const STATEMENT_STARTS_TEXT = ((labels: readonly string[]) => `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)!}`)(STATEMENT_STARTS.map((type) => type.LABEL ?? type.name));

/** What the lexer learned about a string beyond its extent: its quote, and a problem if it is malformed. */
export interface StringPayload {
  readonly quote: '"' | "'";
  readonly problem?: StringScanProblem;
}

function matchString(text: string, offset: number): CustomPatternMatcherReturn | null {
  const quote = text[offset];
  if (quote !== '"' && quote !== "'") return null;
  const scan = scanString(text, offset);
  const match = [text.slice(offset, scan.end)] as CustomPatternMatcherReturn;
  const payload: StringPayload = scan.problem === undefined ? { quote } : { quote, problem: scan.problem };
  match.payload = payload;
  return match;
}

/**
 * Double-quoted strings, and single-quoted ones so that `'x'` gets one clear diagnostic ("strings use double
 * quotes") and the parser still sees a string, instead of three unrelated errors.
 */
export const StringLiteral = createToken({
  name: "StringLiteral",
  label: "a string",
  pattern: { exec: matchString },
  line_breaks: false,
  start_chars_hint: ['"', "'"],
});

export const IntLiteral = createToken({ name: "IntLiteral", pattern: /[0-9]+/, label: "a number" });

export const EqualsEquals = createToken({ name: "EqualsEquals", pattern: /==/, label: "`==`", categories: [ComparisonOperator] });
export const NotEquals = createToken({ name: "NotEquals", pattern: /!=/, label: "`!=`", categories: [ComparisonOperator] });
export const LessEquals = createToken({ name: "LessEquals", pattern: /<=/, label: "`<=`", categories: [ComparisonOperator] });
export const GreaterEquals = createToken({ name: "GreaterEquals", pattern: />=/, label: "`>=`", categories: [ComparisonOperator] });
export const Less = createToken({ name: "Less", pattern: /</, label: "`<`", categories: [ComparisonOperator] });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "`>`", categories: [ComparisonOperator] });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "`=`" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "`)`" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, label: "`]`" });
export const LCurly = createToken({ name: "LCurly", pattern: /{/, label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: /}/, label: "`}`" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "`,`" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "`;`" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "`.`" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "`+`", categories: [AdditiveOperator] });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "`-`", categories: [AdditiveOperator] });
export const Star = createToken({ name: "Star", pattern: /\*/, label: "`*`", categories: [MultiplicativeOperator] });
export const Slash = createToken({ name: "Slash", pattern: /\//, label: "`/`", categories: [MultiplicativeOperator] });
export const Percent = createToken({ name: "Percent", pattern: /%/, label: "`%`", categories: [MultiplicativeOperator] });

/** Kept out of the parser's way but collected, so a formatter can put comments back. */
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });
/** Newlines are whitespace: every action starts with a keyword, so line breaks never decide the parse. */
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\uFEFF]+/, group: Lexer.SKIPPED });

/**
 * Lexer order matters where patterns share a prefix:
 * 1. WhiteSpace and Comment first: the most frequent tokens, and `#` must win before anything else.
 * 2. StringLiteral before everything that could match inside it (it starts with a quote, so nothing else does,
 *    but its custom matcher is cheap to reject).
 * 3. Two-character operators before their one-character prefixes (`==` before `=`, `<=` before `<`).
 * 4. Keywords before Identifier; `longer_alt: Identifier` makes `override` an identifier rather than `or` +
 *    `erride`. Among keywords, `set_default` precedes `set` for the same reason.
 * 5. Identifier last among words, IntLiteral anywhere (digits start nothing else).
 */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  IntLiteral,
  EqualsEquals,
  NotEquals,
  LessEquals,
  GreaterEquals,
  Less,
  Greater,
  Equals,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  Comma,
  Semicolon,
  Dot,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Param,
  Import,
  Rule,
  On,
  Shadow,
  When,
  Else,
  And,
  Or,
  Not,
  In,
  Contains,
  StartsWith,
  EndsWith,
  Matches,
  True,
  False,
  SetDefault,
  Set,
  Add,
  Remove,
  Rename,
  Rewrite,
  Path,
  Query,
  Prefix,
  To,
  Deny,
  Respond,
  With,
  Redirect,
  Log,
  Stop,
  For,
  Let,
  Count,
  Observe,
  Replace,
  Limit,
  Authorize,
  Identifier,
  Name,
  Keyword,
  ComparisonOperator,
  AdditiveOperator,
  MultiplicativeOperator,
];
