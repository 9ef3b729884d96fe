/**
 * A seeded generator of syntactically valid rule files, for the formatter's round-trip tests. It covers every
 * construct of the grammar (params of each type, named and anonymous rules, every operator including `+ - * / %`, parentheses, `not`,
 * calls, indexed fields, templates with nested strings, regexes with backslashes, every action, blocks and one-line
 * rules, optional `;` and `,`) and lays the tokens out at random: spaces, tabs, line breaks, blank lines, CRLF,
 * and comments, at the end of a line or on a line of their own, in any gap between two tokens.
 *
 * Programs are built as token lists and only joined at the end, so the layout is independent of the structure.
 * The inside of `${...}` is joined with single spaces: a string cannot span lines or hold a comment.
 */

export interface GeneratorOptions {
  /** Chance that a gap between two tokens holds a comment. */
  readonly commentRate?: number;
  /** Chance that a gap is a line break rather than a space. */
  readonly newlineRate?: number;
  /** Whether line breaks may leave empty lines (which the formatter keeps between statements). */
  readonly blankLines?: boolean;
}

export function generateProgram(seed: number, options: GeneratorOptions = {}): string {
  const gen = new ProgramGenerator(mulberry32(seed));
  const tokens = gen.program();
  return new Layout(mulberry32(seed ^ 0x5bd1e995), options).join(tokens);
}

type Random = () => number;

/** A small, fast PRNG with a 32-bit state: enough for test data, and the same sequence on every machine. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Token lists; a nested list marks where a statement ends, so the layout can put line breaks between them. */
type Tokens = string[];

const VARIABLE_NAMES = ["tenant", "n", "is_admin", "_v"];
const PARAM_NAMES = ["strict", "banner", "max_age", "blocked", "env", "code", "paths", "_x1", "limit"];
const FIELDS = ["request.path", "request.method", "request.host", "request.hostname", "request.port", "request.scheme", "request.id", "source.address", "client.address", "source.principal", "destination.port", "response.status", "connection.mtls", "request.body", "response.body"];
const INDEXED = ["request.header", "request.query", "request.cookie", "response.header"];
const COMPARISONS = ["==", "!=", "<", "<=", ">", ">=", "contains", "starts_with", "ends_with", "in"];
/** Every builtin function (test/functions/registry.test.ts checks the list against compiler/functions/). */
export const CALLEES = ["exists", "lower", "upper", "size", "trim_prefix", "trim_suffix", "substring", "split_first", "split_last", "replace", "url_encode", "url_decode", "hash", "ip", "random", "uuid"];
const LEVELS = ["trace", "debug", "info", "warn", "error", "critical"];
const PHASES = ["request_headers", "request_body", "response_headers", "response_body", "local_reply"];

/** Pieces of string literals as written between the quotes; none creates an interpolation by accident. */
const STRING_PIECES = [
  "a", "x-id", "/api/", " ", "hello world", "#not-a-comment", "{}", "}", "{", "$5", "cost $ ", "é", "😀", "日本",
  "\\\\", "\\\"", "\\n", "\\t", "\\r", "\\${", "\\$x", "\\u{e9}", "\\u{1F600}", "\\u{200B}", "\u200b", "\t", "'",
];

/** Pieces of `matches` patterns as written: regex escapes, escaped backslashes and quotes. */
const REGEX_PIECES = ["^", "/v", "\\d+", "\\.", "[a-z]", "(x|y)", "\\\\", "\\\\\\\\", "\\\"", "\\/", "a*", "\\$", "\\${", "\\\\\\${", "\\w", "é", "#", "{2}", "'"];

/** How deep expressions nest (parentheses, lists, calls, keys, interpolations): deeper adds size, not coverage. */
const MAX_DEPTH = 2;

class ProgramGenerator {
  private depth = 0;

  constructor(private readonly random: Random) {}

  program(): Tokens[] {
    const statements: Tokens[] = [];
    const count = this.int(0, 8);
    for (let i = 0; i < count; i++) statements.push(this.chance(0.25) ? this.param() : this.rule());
    // `import "PATH"` anywhere among the statements (the formatter keeps it in place; nothing reads the file).
    if (this.chance(0.2)) statements.splice(this.int(0, statements.length), 0, ["import", this.plainString()]);
    if (this.chance(0.15)) statements.push(this.scope(0));
    return statements;
  }

  /** `for host "..." { ... }`, `for host suffix`, `for path prefix`: rules and nested scopes, or nothing. */
  private scope(depth: number): Tokens {
    const target = this.pick([["host", '"api.example.com"'], ["host", "suffix", '".example.com"'], ["path", "prefix", '"/api/"']]);
    const tokens: Tokens = ["for", ...target, "{"];
    const count = this.int(0, 2);
    for (let i = 0; i < count; i++) tokens.push(...(depth < 2 && this.chance(0.3) ? this.scope(depth + 1) : this.rule()));
    tokens.push("}");
    return tokens;
  }

  private param(): Tokens {
    const value = this.pick<() => Tokens>([
      () => [this.plainString()],
      () => [String(this.int(0, 100000))],
      () => [this.pick(["true", "false"])],
      () => this.list(() => [this.plainString()]),
      () => [this.template()],
    ])();
    return ["param", this.pick(PARAM_NAMES), "=", ...value];
  }

  private rule(): Tokens {
    const tokens: Tokens = [];
    if (this.chance(0.6)) {
      tokens.push("rule", this.plainString());
      // `rule "name" shadow on ...` (docs/language.md, "Shadow mode").
      if (this.chance(0.2)) tokens.push("shadow");
    }
    tokens.push("on", this.pick(PHASES));
    const conditional = this.chance(0.8);
    if (conditional) tokens.push("when", ...this.condition());
    tokens.push(...this.ruleBody());
    // `else when` and `else` branches (only after a `when`); a plain `else` is last.
    if (conditional && this.chance(0.3)) {
      const count = this.int(1, 3);
      for (let i = 0; i < count; i++) {
        const plain = i === count - 1 && this.chance(0.5);
        tokens.push("else", ...(plain ? [] : ["when", ...this.condition()]), ...this.ruleBody());
      }
    }
    return tokens;
  }

  /** One action, or a block of them. */
  private ruleBody(): Tokens {
    if (!this.chance(0.5)) return this.action();
    const tokens: Tokens = ["{"];
    const count = this.int(0, 4);
    for (let i = 0; i < count; i++) {
      tokens.push(...this.action());
      if (this.chance(0.3)) tokens.push(";");
    }
    tokens.push("}");
    return tokens;
  }

  private action(): Tokens {
    return this.pick<() => Tokens>([
      () => [this.pick(["set", "add", "set_default"]), this.plainString(), "=", ...this.value()],
      () => ["remove", this.plainString()],
      () => ["remove", "prefix", this.plainString()],
      () => ["rename", this.plainString(), "to", this.plainString()],
      () => ["rewrite", "path", ...this.value()],
      () => ["rewrite", "prefix", this.plainString(), "to", ...this.value()],
      () => ["set", "query", this.plainString(), "=", ...this.value()],
      () => ["remove", "query", this.plainString()],
      () => ["deny", ...this.status(), ...(this.chance(0.5) ? [this.anyString()] : [])],
      () => this.respond(),
      () => ["redirect", ...(this.chance(0.5) ? this.status() : []), this.anyString()],
      () => ["log", this.pick(LEVELS), ...this.value()],
      () => ["stop"],
      () => ["let", this.pick(VARIABLE_NAMES), "=", ...this.value()],
      () => this.count(),
      () => ["observe", this.plainString(), ...this.value()],
      () => ["replace", ...(this.chance(0.5) ? ["matches"] : []), this.plainString(), "with", ...this.value()],
      () => this.limit(),
      () => this.authorize(),
    ])();
  }

  /** `limit N per UNIT [by VALUE] [burst M] [buckets K] [headers off]` or with `via`: amounts are ints or param names. */
  private limit(): Tokens {
    const amount = () => (this.chance(0.7) ? String(this.int(0, 100)) : this.pick(PARAM_NAMES));
    const global = this.chance(0.3);
    const tokens = ["limit", amount(), "per", this.pick(global ? ["second", "minute", "hour", "day"] : ["second", "minute", "hour"])];
    if (this.chance(0.5)) tokens.push("by", ...this.value());
    if (global) {
      // A global limit: `via "CLUSTER" [timeout D] [on failure allow|deny]`, without the local clauses.
      tokens.push("via", this.pick(['"ratelimit"', '"rl.svc-1"']));
      if (this.chance(0.5)) tokens.push("timeout", this.chance(0.5) ? `${this.int(1, 999)}ms` : `${this.int(1, 60)}s`);
      if (this.chance(0.5)) tokens.push("on", "failure", this.pick(["allow", "deny"]));
      return tokens;
    }
    if (this.chance(0.4)) tokens.push("burst", amount());
    if (this.chance(0.3)) tokens.push("buckets", String(this.int(1, 5000)));
    if (this.chance(0.2)) tokens.push("headers", "off");
    return tokens;
  }

  /** `authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR] [copy headers [...]]`. */
  private authorize(): Tokens {
    const tokens = ["authorize", "with", this.pick(['"ext-authz"', '"opa.svc-1"'])];
    const names = () => this.list(() => [this.pick(['"authorization"', '"cookie"', '"x-user-id"', '"x-b3-traceid"'])]);
    if (this.chance(0.3)) tokens.push("grpc");
    if (this.chance(0.5)) tokens.push("timeout", this.chance(0.5) ? `${this.int(1, 999)}ms` : `${this.int(1, 60)}s`);
    if (this.chance(0.5)) tokens.push("on", "failure", this.pick(["allow", "deny"]));
    if (this.chance(0.5)) tokens.push("send", "headers", ...names());
    if (this.chance(0.4)) tokens.push("path", ...this.value());
    if (this.chance(0.4)) tokens.push("copy", "headers", ...names());
    return tokens;
  }

  /** `count NAME [by VALUE [only LIST | limit N]]`: the parser takes any string and value, the checker judges them. */
  private count(): Tokens {
    const tokens = ["count", this.plainString()];
    if (this.chance(0.6)) {
      tokens.push("by", ...this.value());
      const bound = this.int(0, 2);
      if (bound === 1) tokens.push("only", ...this.list(() => [this.plainString()]));
      if (bound === 2) tokens.push("limit", String(this.int(1, 300)));
    }
    return tokens;
  }

  private respond(): Tokens {
    const tokens = ["respond", ...this.status()];
    if (this.chance(0.5)) tokens.push(this.anyString());
    if (this.chance(0.6)) {
      tokens.push("with", "{");
      const count = this.int(0, 4);
      for (let i = 0; i < count; i++) {
        tokens.push(this.plainString(), "=", ...this.value());
        // Separators are optional, and a trailing one is allowed.
        const separator = this.pick([",", ",", ";", ""]);
        if (separator !== "" && (i < count - 1 || this.chance(0.5))) tokens.push(separator);
      }
      tokens.push("}");
    }
    return tokens;
  }

  /** A status: an int or a param. Never followed by `[` or `(`, which would read as an index or a call. */
  private status(): Tokens {
    return this.chance(0.8) ? [String(this.pick([200, 301, 302, 401, 403, 404, 429, 503]))] : [this.pick(PARAM_NAMES)];
  }

  private value(): Tokens {
    return this.pick<() => Tokens>([
      () => [this.anyString()],
      () => [String(this.int(0, 999))],
      () => this.reference(),
      () => [this.pick(["true", "false"])],
      () => this.call(),
      () => this.operated(["+", "-", "*", "/", "%"], () => this.primary()),
    ])();
  }

  /** expression = and ("or" and)* */
  condition(): Tokens {
    return this.nested(() => this.joined("or", () => this.conjunction()));
  }

  private conjunction(): Tokens {
    return this.joined("and", () => this.negation());
  }

  private negation(): Tokens {
    return this.chance(0.2) ? ["not", ...this.negation()] : this.comparison();
  }

  private comparison(): Tokens {
    const left = this.sum();
    const roll = this.random();
    if (roll < 0.15) return [...left, "matches", this.regex()];
    if (roll < 0.25) return [...left, "in", ...this.pick<() => Tokens>([() => this.list(() => [this.plainString()]), () => [this.pick(PARAM_NAMES)]])()];
    if (roll < 0.32) {
      const list = this.pick<() => Tokens>([() => this.list(() => [this.plainString()]), () => [this.pick(PARAM_NAMES)]])();
      return [...left, this.pick(["contains", "starts_with", "ends_with"]), "any", ...list];
    }
    if (roll < 0.8) return [...left, this.pick(COMPARISONS), ...this.sum()];
    return left;
  }

  /** sum = product (("+" | "-") product)*: mostly a lone primary, as written conditions are. */
  private sum(): Tokens {
    return this.chance(0.8) ? this.product() : this.operated(["+", "-"], () => this.product());
  }

  private product(): Tokens {
    return this.chance(0.8) ? this.primary() : this.operated(["*", "/", "%"], () => this.primary());
  }

  private operated(operators: readonly string[], operand: () => Tokens): Tokens {
    const count = this.int(2, 3);
    return Array.from({ length: count }, operand).flatMap((tokens, i) => (i === 0 ? tokens : [this.pick(operators), ...tokens]));
  }

  private primary(): Tokens {
    const deep = this.depth >= MAX_DEPTH;
    return this.pick<() => Tokens>([
      () => this.reference(),
      () => this.reference(),
      () => [this.anyString()],
      () => [String(this.int(0, 600))],
      () => [this.pick(["true", "false"])],
      () => this.call(),
      () => (deep ? [this.pick(PARAM_NAMES)] : ["(", ...this.condition(), ")"]),
      () => (deep ? [this.plainString()] : this.list(() => this.primary())),
    ])();
  }

  private reference(): Tokens {
    const roll = this.random();
    // `match[N]`: a group of the rule's `matches`, formatted as any indexed name.
    if (roll < 0.05) return ["match", "[", String(this.int(0, 3)), "]"];
    if (roll < 0.3) return [this.pick(PARAM_NAMES)];
    if (roll < 0.6) return this.dotted(this.pick(FIELDS));
    return [...this.dotted(this.pick(INDEXED)), "[", ...(this.depth >= MAX_DEPTH ? [this.plainString()] : this.nested(() => this.keyExpression())), "]"];
  }

  private keyExpression(): Tokens {
    return this.chance(0.8) ? [this.plainString()] : this.condition();
  }

  private dotted(path: string): Tokens {
    return path.split(".").flatMap((segment, i) => (i === 0 ? [segment] : [".", segment]));
  }

  private call(): Tokens {
    const callee = this.pick(CALLEES);
    const args = this.depth >= MAX_DEPTH ? [] : this.nested(() => Array.from({ length: this.int(0, 3) }, () => this.condition()));
    return [callee, "(", ...args.flatMap((arg, i) => (i === 0 ? arg : [",", ...arg])), ")"];
  }

  private list(item: () => Tokens): Tokens {
    const items = Array.from({ length: this.int(0, 4) }, item);
    const tokens = ["[", ...items.flatMap((it, i) => (i === 0 ? it : [",", ...it]))];
    if (items.length > 0 && this.chance(0.3)) tokens.push(",");
    return [...tokens, "]"];
  }

  private anyString(): string {
    return this.chance(0.4) ? this.template() : this.plainString();
  }

  /** A string without interpolation, as written (quotes included). */
  private plainString(): string {
    const pieces = Array.from({ length: this.int(0, 4) }, () => this.pick(STRING_PIECES));
    return `"${pieces.join("")}"`;
  }

  /** A string with at least one `${...}`, whose expression may itself hold quoted strings and templates. */
  private template(): string {
    if (this.depth >= MAX_DEPTH) return this.plainString();
    let text = "";
    const parts = this.int(1, 3);
    for (let i = 0; i < parts; i++) {
      if (this.chance(0.7)) text += this.plainString().slice(1, -1);
      text += "${" + this.nested(() => this.condition()).join(" ") + "}";
    }
    if (this.chance(0.5)) text += this.plainString().slice(1, -1);
    return `"${text}"`;
  }

  private regex(): string {
    const pieces = Array.from({ length: this.int(1, 5) }, () => this.pick(REGEX_PIECES));
    // An unescaped `$` only at the end: followed by `{` it would open an interpolation.
    return `"${pieces.join("")}${this.chance(0.3) ? "$" : ""}"`;
  }

  private joined(operator: string, operand: () => Tokens): Tokens {
    const count = this.depth >= MAX_DEPTH ? 1 : this.int(1, 3);
    return Array.from({ length: count }, operand).flatMap((tokens, i) => (i === 0 ? tokens : [operator, ...tokens]));
  }

  private nested<T>(build: () => T): T {
    this.depth++;
    try {
      return build();
    } finally {
      this.depth--;
    }
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}

/** Joins tokens with random white space and comments. */
class Layout {
  private comments = 0;

  constructor(
    private readonly random: Random,
    private readonly options: GeneratorOptions,
  ) {}

  join(statements: Tokens[]): string {
    const commentRate = this.options.commentRate ?? 0.08;
    const blank = this.options.blankLines ?? true;
    let text = this.chance(commentRate * 4) ? this.ownLineComment() : "";
    statements.forEach((tokens, s) => {
      if (s > 0) text += this.pick(blank ? ["\n", "\n", "\n\n", "\n\n\n", " ", "\r\n"] : ["\n", " ", "\r\n"]);
      tokens.forEach((token, i) => {
        if (i > 0) text += this.gap(commentRate, blank);
        text += token;
      });
      if (this.chance(commentRate * 2)) text += this.endOfLineComment();
    });
    if (this.chance(commentRate * 4)) text += this.ownLineComment();
    return text + this.pick(["", "\n", "\n\n", "  \n"]);
  }

  private gap(commentRate: number, blank: boolean): string {
    if (this.chance(commentRate)) return this.chance(0.5) ? this.endOfLineComment() : this.ownLineComment();
    if (this.chance(this.options.newlineRate ?? 0.1)) return this.pick(blank ? ["\n", "\n  ", "\n\t", "\n\n    "] : ["\n", "\n  ", "\n\t"]);
    return this.pick([" ", " ", " ", "  ", "\t"]);
  }

  private endOfLineComment(): string {
    return ` ${this.commentText()}\n${this.pick(["", "  ", "    "])}`;
  }

  private ownLineComment(): string {
    return `\n${this.pick(["", "  ", "\t"])}${this.commentText()}\n${this.pick(["", "\n", "  "])}`;
  }

  private commentText(): string {
    const n = ++this.comments;
    return this.pick([`# c${n}`, `#c${n}`, `# c${n} with # and "quotes" {`, `# c${n}   `, "#", `## c${n}`]);
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
