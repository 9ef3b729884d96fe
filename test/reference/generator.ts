/**
 * Random valid rule programs and random exchanges for the differential tests (fast-check arbitraries).
 *
 * Programs and traffic draw on the same small vocabularies (header names, values, paths, addresses), so that
 * conditions are true about as often as false and actions touch what later rules read. Expressions are generated
 * by type (string, int, bool, condition) and phase, so every program passes the checker; the tests verify that.
 *
 * A batch of programs is compiled as one filter (compiling costs about a second): every rule of program k is
 * guarded by `request.header["zz-program"] == "k"`, params and rule names carry k, and each exchange is tagged with
 * the program it is for. The interpreter runs the same combined text, so the guard is just more of the language.
 */
import fc from "fast-check";
import type { Phase } from "../../compiler/phases.js";
import type { ConnectionInput, Exchange, Header, RequestInput, ResponseInput } from "./model.js";

export const PROGRAM_HEADER = "zz-program";

const HEADER_NAMES = ["x-a", "x-b", "x-ab", "x-aa-1", "cookie", "x-request-id"];
const PREFIXES = ["x-a", "x-aa-", "co", "x-"];
const TEXTS = ["", "a", "A", "ab", "b", "/api/", "/admin", "10", "é", "😀", "x y", "true", "canary", "/v1/"];
const PATHS = ["/", "/api/a", "/api/", "/admin/x", "/v1/items", "/v2/x.json", "/é/caf", "/a", "//b"];
/** Names `set query` and `remove query` edit: ones the QUERIES have, once or twice, and ones they lack. */
const QUERY_NAMES = ["q", "id", "a b", "x", "new", "é"];
const QUERIES = ["", "?q=1", "?q=a%20b&id=3", "?q=%0d%0aInjected:%20yes", "?x=a%0ab&q=%00", "?q=+&q=2", "?id=%C3%A9&a%20b=c", "?q#frag", "?a=%zz&q=%41", "?q=1&id=2&q=3", "?&q&&x=1&", "/x?q=1#f?id=2", "?q=%FF&id=%C3%28"];
const QUERY_KEYS = ["q", "q", "id", "x", "a b", "a"];
const COOKIE_NAMES = ["c", "release", "s"];
const ADDRESSES = ["10.1.2.3", "192.168.1.7", "203.0.113.9", "127.0.0.1", "::1", "2001:db8::7", "fe80::1"];
const RANGES = ["10.0.0.0/8", "192.168.1.7", "203.0.113.0/24", "::1", "2001:db8::/32", "0.0.0.0/0", "::/0", "127.0.0.1/32"];
const PATTERNS = ["^/api", "admin", "^/v\\d+/", "[.]json$", "(?i)^/API", "a|b$", "^$", "é+", "^caf..$", "\\s", "x{2,3}", "[^a-z/]", ".", "^/(a|b)", "(?i)[^a]", "\\x41"];
/** What `replace`, `split_first` and `split_last` look for: non-empty literals (E0261), some found in TEXTS and PATHS. */
const SEARCHES = ["/", "a", "é", "%", "x y", "/api/", "=", "aa", ".json"];
/** Patterns with groups for `match[N]`, with their number of capturing groups. */
const GROUP_PATTERNS: readonly (readonly [string, number])[] = [
  ["^/(api|admin)/(.*)$", 2],
  ["^/v(\\d+)/([^/?]*)", 2],
  ["(a|ab)(c|bcd)?", 2],
  ["([^/]+)$", 1],
  ["^(?:/([^/]*))+", 1],
  ["(?i)^/(A)(p)?", 2],
  ["([0-9]+)", 1],
  ["(é|x)(.)", 2],
  ["(?:(q)|(id))=([^&]*)", 3],
  [".", 0],
  // Affix patterns (compiler/regex/affix-groups.ts): a prefix and suffix test and a class loop, not a group program.
  ["^/api/(.*)$", 1],
  ["^/([a-z]+)/$", 1],
  ["^/v(\\d+)", 1],
];
const RULE_NAMES = ["admin", "a b", "é", "x.y", "hsts", "r"];
/** Host scopes that the exchanges' authorities match or miss (at most one a rule, so no two contradict: E0298). */
const HOST_SCOPES = ['for host "example.com"', 'for host "shop.example"', 'for host "[::1]"', 'for host suffix ".example"', 'for host suffix ".com"', 'for host suffix ".shop.example"'];
/** Path scopes: prefixes of some PATHS (and of paths a rule rewrote), with queries after them in the exchanges. */
const PATH_SCOPES = ['for path prefix "/api/"', 'for path prefix "/a"', 'for path prefix "/"', 'for path prefix "/admin/x"', 'for path prefix "//"', 'for path prefix "/v"'];
const LEVELS = ["trace", "debug", "info", "warn", "error", "critical"];

/** A string literal's source text: `"`, `\`, `$` and control characters escaped. */
export function quote(text: string): string {
  return `"${escapeText(text)}"`;
}

function escapeText(text: string): string {
  return text.replace(/[\\"$\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', $: "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!);
}

/** A pattern's literal: only `\\` and `\"` are escapes in a pattern, so `$` stays an anchor (docs/language.md). */
function patternText(pattern: string): string {
  return `"${pattern.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

type ParamType = "string" | "int" | "bool" | "list" | "addresses";

interface GenParam {
  readonly type: ParamType;
  readonly text: string;
}

export interface GenRule {
  readonly name?: string;
  /** `rule "name" shadow on ...` (docs/language.md, "Shadow mode"); only for named rules outside local_reply. */
  readonly shadow?: boolean;
  readonly phase: Phase;
  readonly condition?: string;
  readonly actions: readonly string[];
  /** `else when` branches; programText adds the program's guard to each, so a plain `else` is one with no condition. */
  readonly elseBranches?: readonly GenBranch[];
  /** The heads of the `for` blocks around the rule, outermost first (`for host "example.com"`). */
  readonly scopes?: readonly string[];
}

export interface GenBranch {
  readonly condition?: string;
  readonly actions: readonly string[];
}

export interface GenProgram {
  readonly params: readonly GenParam[];
  readonly rules: readonly GenRule[];
  /** What this program's part of the plugin configuration sets: values by param slot, rule names to disable. */
  readonly config: {
    readonly values: ReadonlyArray<readonly [number, unknown]>;
    readonly disabled: readonly string[];
    /** Rule names for `shadow_rules` and `enforce_rules`. */
    readonly shadowed: readonly string[];
    readonly enforced: readonly string[];
    readonly unknownKey: boolean;
    /** `trusted_hops` for a batch that reads client.address (the first program's); undefined leaves it out. */
    readonly trustedHops?: unknown;
  };
}

/**
 * A program's variables, one per type, renamed like params in a batch (`vK_string`). A program that has them sets
 * them first, in a rule of its own whose condition may be false (then they are unset), so every later read is valid.
 */
const VARIABLES = { string: "var_slot_string", int: "var_slot_int", bool: "var_slot_bool" } as const;

function isAddressText(expression: string): boolean {
  return expression === "source.address" || expression === "client.address" || expression.startsWith("ip(");
}

/** Param names are `param_slot_N` until a program is placed in a batch as number k (then `pK_N`). */
const slot = (i: number) => `param_slot_${i}`;

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

/**
 * Expression arbitraries for one program and one phase. A program reads and writes a few header names of its own
 * (`headers`), so that its rules often act on what its other rules read.
 */
class Expressions {
  constructor(
    private readonly params: readonly GenParam[],
    private readonly headers: readonly string[],
    private readonly phase: Phase,
    /** In the actions of a rule with a `matches`: its number of groups, so `match[0]` to `match[groups]` exist. */
    private readonly groups?: number,
    /** Whether the program's variables (VARIABLES, set first by its setter rule) may be read and set here. */
    private readonly variables = false,
  ) {}

  /** The program's variable of a type, when this rule may use it. */
  private variable(type: keyof typeof VARIABLES): fc.Arbitrary<string>[] {
    return this.variables ? [fc.constant(VARIABLES[type])] : [];
  }

  private paramsOf(type: ParamType): fc.Arbitrary<string>[] {
    const names = this.params.flatMap((p, i) => (p.type === type ? [slot(i)] : []));
    return names.length === 0 ? [] : [pick(names)];
  }

  /** A string field of the phase. */
  stringField(): fc.Arbitrary<string> {
    const fields = [
      pick(["request.path", "request.method", "request.host", "request.hostname", "request.scheme", "request.id", "source.address", "client.address", "source.principal"]),
      pick(this.headers).map((h) => `request.header[${quote(h)}]`),
      pick(QUERY_KEYS).map((k) => `request.query[${quote(k)}]`),
      pick(COOKIE_NAMES).map((c) => `request.cookie[${quote(c)}]`),
    ];
    if (this.phase === "response_headers") fields.push(pick([...this.headers, "server"]).map((h) => `response.header[${quote(h)}]`));
    // language.md, "Bodies": each body phase reads its own body, twice as often as another field.
    if (this.phase === "request_body") fields.push(fc.constant("request.body"), fc.constant("request.body"));
    if (this.phase === "response_body") fields.push(fc.constant("response.body"), fc.constant("response.body"));
    return fc.oneof(...fields);
  }

  /** A string field, param or literal. */
  stringValue(): fc.Arbitrary<string> {
    const groups = this.groups === undefined ? [] : [fc.integer({ min: 0, max: this.groups }).map((n) => `match[${n}]`)];
    // `uuid()` is new at every evaluation: outcomes agree only when both take the same values in the same order.
    return fc.oneof(pick(TEXTS).map(quote), this.stringField(), this.stringField(), ...this.paramsOf("string"), ...groups, ...groups, fc.constant("uuid()"), ...this.variable("string"));
  }

  string(): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 3, arbitrary: this.stringValue() },
      { weight: 1, arbitrary: this.stringValue().map((s) => `lower(${s})`) },
      { weight: 1, arbitrary: this.stringFunction() },
    );
  }

  /** A string function of docs/language.md's table over string values; what it searches for is a non-empty literal. */
  private stringFunction(): fc.Arbitrary<string> {
    const value = this.stringValue();
    const search = pick(SEARCHES).map(quote);
    const offset = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), this.intValue());
    return fc.oneof(
      fc.tuple(pick(["upper", "url_encode", "url_decode"]), value).map(([f, s]) => `${f}(${s})`),
      fc.tuple(pick(["trim_prefix", "trim_suffix"]), value, fc.oneof(search, value)).map(([f, s, p]) => `${f}(${s}, ${p})`),
      fc.tuple(pick(["split_first", "split_last"]), value, search).map(([f, s, sep]) => `${f}(${s}, ${sep})`),
      fc.tuple(value, search, value).map(([s, from, to]) => `replace(${s}, ${from}, ${to})`),
      fc.tuple(value, offset, fc.option(offset, { nil: undefined })).map(([s, a, b]) => `substring(${s}, ${a}${b === undefined ? "" : `, ${b}`})`),
    );
  }

  /** An int value: a field, param or literal, or arithmetic over them (with zero divisors and overflow). */
  int(): fc.Arbitrary<string> {
    const value = fc.oneof({ weight: 4, arbitrary: this.intValue() }, { weight: 1, arbitrary: this.stringValue().map((s) => `size(${s})`) });
    const op = pick(["+", "-", "*", "/", "%"]);
    return fc.oneof(
      { weight: 4, arbitrary: value },
      { weight: 1, arbitrary: fc.tuple(value, op, value).map(([a, o, b]) => `(${a} ${o} ${b})`) },
      // Unparenthesized, so precedence and left associativity decide the tree.
      { weight: 1, arbitrary: fc.tuple(value, op, value, op, value).map(([a, o, b, p, c]) => `${a} ${o} ${b} ${p} ${c}`) },
    );
  }

  /** An int literal, field or param. */
  private intValue(): fc.Arbitrary<string> {
    const fields = [fc.constant("destination.port"), fc.constant("request.port"), ...(this.phase === "response_headers" ? [fc.constant("response.status")] : [])];
    const literal = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 8080, 2 ** 31, 2 ** 32, 2 ** 53 - 1) });
    const hashes = fc.oneof(this.stringValue(), literal.map(String), this.bool()).map((v) => `hash(${v})`);
    // `random() % 2 == 0` and the like decide a rule half the time; a bare `random()` is compared with small ints.
    const random = fc.oneof(fc.constant("random()"), fc.integer({ min: 2, max: 4 }).map((n) => `(random() % ${n})`));
    return fc.oneof(literal.map(String), ...fields, ...this.paramsOf("int"), hashes, random, ...this.variable("int"));
  }

  bool(): fc.Arbitrary<string> {
    return fc.oneof(pick(["true", "false", "connection.mtls"]), ...this.paramsOf("bool"), ...this.variable("bool"));
  }

  /** A value for a header, body or log line: a scalar or a template interpolating scalars. */
  text(allowControl: boolean): fc.Arbitrary<string> {
    const literal = pick(allowControl ? [...TEXTS, "line\nbreak"] : TEXTS);
    const part = fc.oneof(literal.map(escapeText), fc.oneof(this.string(), this.int(), this.bool()).map((e) => `\${${e}}`));
    const template = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => `"${parts.join("")}"`);
    return fc.oneof(literal.map(quote), this.string(), this.int(), this.bool(), template);
  }

  comparison(): fc.Arbitrary<string> {
    const string = this.string();
    const lists = [fc.array(pick(TEXTS), { minLength: 1, maxLength: 3 }).map((items) => `[${items.map(quote).join(", ")}]`), ...this.paramsOf("list")];
    const ranges = [fc.array(pick(RANGES), { minLength: 1, maxLength: 3 }).map((items) => `[${items.map(quote).join(", ")}]`), ...this.paramsOf("addresses")];
    return fc.oneof(
      fc.tuple(string, pick(["==", "!=", "contains", "starts_with", "ends_with"]), fc.oneof(pick(TEXTS).map(quote), string)).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(string, pick(PATTERNS)).map(([s, p]) => `${s} matches ${quote(p)}`),
      // `source.address in` takes addresses only, and has its own case below.
      fc.tuple(string.filter((s) => s !== "source.address" && s !== "client.address"), fc.oneof(...lists)).map(([s, l]) => `${s} in ${l}`),
      fc.tuple(fc.oneof(pick(["source.address", "client.address"]), this.stringValue().map((v) => `ip(${v})`)), fc.oneof(...ranges)).map(([a, l]) => `${a} in ${l}`),
      fc.tuple(string, pick(["contains any", "starts_with any", "ends_with any"]), fc.oneof(...lists)).map(([s, op, l]) => `${s} ${op} ${l}`),
      fc.tuple(this.int(), pick(["==", "!=", "<", "<=", ">", ">="]), this.int()).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(this.bool(), pick(["==", "!="]), this.bool()).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.oneof(this.stringField(), fc.constant("destination.port"), ...this.variable("string"), ...this.variable("int"), ...this.variable("bool")).map((f) => `exists(${f})`),
      this.bool(),
    );
  }

  condition(): fc.Arbitrary<string> {
    return fc.letrec<{ c: string }>((tie) => ({
      c: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        this.comparison(),
        tie("c").map((c) => `not (${c})`),
        fc.tuple(tie("c"), pick(["and", "or"]), tie("c")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      ),
    })).c;
  }

  action(): fc.Arbitrary<string> {
    const name = pick(this.headers).map(quote);
    const status = (low: number, high: number) => fc.integer({ min: low, max: high }).map(String);
    const actions = [
      fc.tuple(pick(["set", "add", "set_default"]), name, this.text(false)).map(([op, h, v]) => `${op} ${h} = ${v}`),
      name.map((h) => `remove ${h}`),
      pick(PREFIXES).map((p) => `remove prefix ${quote(p)}`),
      fc.tuple(name, name).map(([a, b]) => `rename ${a} to ${b}`),
      fc.tuple(pick(LEVELS), this.text(true)).map(([level, m]) => `log ${level} ${m}`),
      fc.constant("stop"),
      ...(this.variables ? [this.variableLet()] : []),
      fc.tuple(status(200, 599), fc.option(this.text(true), { nil: undefined })).map(([s, b]) => `deny ${s}${b === undefined ? "" : ` ${b}`}`),
      fc
        .tuple(status(200, 599), fc.option(this.text(true), { nil: undefined }), fc.array(fc.tuple(name, this.text(false)), { maxLength: 2 }))
        .map(([s, b, hs]) => `respond ${s}${b === undefined ? "" : ` ${b}`}${hs.length === 0 ? "" : ` with { ${hs.map(([h, v]) => `${h} = ${v}`).join(", ")} }`}`),
      fc.tuple(fc.option(status(300, 399), { nil: undefined }), this.text(false)).map(([s, l]) => `redirect ${s === undefined ? "" : `${s} `}${l}`),
    ];
    if (this.phase === "request_headers") {
      actions.push(
        this.text(false).map((v) => `rewrite path ${v}`),
        fc.tuple(pick(["/api/", "/", "/é/", "/v1"]), this.text(false)).map(([from, to]) => `rewrite prefix ${quote(from)} to ${to}`),
        fc.tuple(pick(QUERY_NAMES), this.text(false)).map(([k, v]) => `set query ${quote(k)} = ${v}`),
        pick(QUERY_NAMES).map((k) => `remove query ${quote(k)}`),
      );
    }
    // Metric names say the metric's shape, since one name is one metric in the whole batch (E0281).
    const onlyList = fc.subarray(ONLY_VALUES, { minLength: 1 });
    const labelValue = fc.oneof(this.string(), this.int(), this.bool());
    actions.push(
      fc.constant('count "c_plain"'),
      fc.tuple(labelValue, fc.integer({ min: 1, max: 3 })).map(([v, n]) => `count "c_by_limit_${n}" by ${v} limit ${n}`),
      labelValue.map((v) => `count "c_by" by ${v}`),
      fc.tuple(labelValue, onlyList).map(([v, items]) => `count "c_only_${items.map((i) => ONLY_VALUES.indexOf(i)).join("_")}" by ${v} only [${items.map(quote).join(", ")}]`),
      this.int().map((v) => `observe "h_value" ${v}`),
    );
    // `on local_reply` rules edit a reply's headers: no local responses of their own (E0242).
    const replies = this.variables ? 7 : 6;
    if (this.phase === "local_reply") actions.splice(replies, 3);
    // Body phases change their own side's headers, which the program then holds (language.md, "Changing headers in
    // a body phase"); `on response_body` sends no local reply (E0270).
    if (this.phase === "request_body" || this.phase === "response_body") {
      if (this.phase === "response_body") actions.splice(replies, 3);
      // language.md, "Replacing in a body": texts and patterns that the generated bodies hold, empty matches too.
      actions.push(
        fc.tuple(pick(REPLACE_TEXTS), this.text(false)).map(([t, v]) => `replace ${quote(t)} with ${v}`),
        fc.tuple(pick(REPLACE_PATTERNS), this.text(false)).map(([p, v]) => `replace matches ${patternText(p)} with ${v}`),
      );
      const bodyReplies = this.phase === "request_body" ? replies : -1;
      return fc.oneof(...actions.map((arbitrary, i) => ({ arbitrary, weight: i >= bodyReplies && i <= bodyReplies + 2 ? 1 : 4 })));
    }
    // Local responses end a rule; most rules should change headers, so they are rarer.
    return fc.oneof(...actions.map((arbitrary, i) => ({ arbitrary, weight: i >= replies && i <= replies + 2 ? 1 : 4 })));
  }

  /**
   * `let` of one of the program's variables. A string variable is never set to an address alone (its `in` would
   * then compare CIDR ranges, and the generated lists are not ranges).
   */
  variableLet(): fc.Arbitrary<string> {
    const text = this.string().filter((s) => !isAddressText(s));
    return fc.oneof(text.map((v) => `let ${VARIABLES.string} = ${v}`), this.int().map((v) => `let ${VARIABLES.int} = ${v}`), this.condition().map((v) => `let ${VARIABLES.bool} = ${v}`));
  }
}

/** Label values of `count ... only`: what request values often are (methods, texts of the generated headers, ints). */
const ONLY_VALUES = ["GET", "POST", "a", "acme", "x-1", "200", "true", "other_1"];

function paramArbitrary(): fc.Arbitrary<GenParam> {
  return fc.oneof(
    pick(TEXTS).map((t) => ({ type: "string" as const, text: quote(t) })),
    fc.integer({ min: 0, max: 600 }).map((n) => ({ type: "int" as const, text: String(n) })),
    fc.boolean().map((b) => ({ type: "bool" as const, text: String(b) })),
    fc.array(pick(TEXTS), { minLength: 1, maxLength: 3 }).map((items) => ({ type: "list" as const, text: `[${items.map(quote).join(", ")}]` })),
    fc.array(pick(RANGES), { minLength: 1, maxLength: 3 }).map((items) => ({ type: "addresses" as const, text: `[${items.map(quote).join(", ")}]` })),
  );
}

/** A configured value for a param: usually of its type, sometimes not (the default is then kept, with a warning). */
function configValue(type: ParamType): fc.Arbitrary<unknown> {
  const right: Record<ParamType, fc.Arbitrary<unknown>> = {
    // Configured strings may hold what literals may not: a header value computed from one is checked at runtime.
    string: pick([...TEXTS, "a\r\nb", "nul\u0000"]),
    int: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: -1e15, max: 1e15 })),
    bool: fc.boolean(),
    list: fc.array(pick(TEXTS), { maxLength: 3 }),
    addresses: fc.array(pick([...RANGES, "not-an-address"]), { maxLength: 3 }),
  };
  return fc.oneof({ weight: 4, arbitrary: right[type] }, { weight: 1, arbitrary: pick<unknown>(["text", 7, true, ["a"], null]) });
}

export function programArbitrary(): fc.Arbitrary<GenProgram> {
  const headers = fc.subarray(HEADER_NAMES, { minLength: 2, maxLength: 4 });
  return fc.tuple(fc.array(paramArbitrary(), { maxLength: 3 }), headers, fc.boolean()).chain(([params, names, variables]) => {
    const plainRule = fc.oneof({ weight: 4, arbitrary: pick<Phase>(["request_headers", "response_headers"]) }, { weight: 1, arbitrary: fc.constant<Phase>("local_reply") }).chain((phase) => {
      const e = new Expressions(params, names, phase, undefined, variables);
      return fc.record({
        name: fc.option(pick(RULE_NAMES), { nil: undefined }),
        shadow: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        phase: fc.constant(phase),
        condition: fc.option(e.condition(), { nil: undefined }),
        actions: fc.array(e.action(), { minLength: 1, maxLength: 3 }),
        elseBranches: fc.option(
          fc.array(fc.record({ condition: fc.option(e.condition(), { nil: undefined }), actions: fc.array(e.action(), { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
          { nil: undefined, freq: 3 },
        ),
        // A host scope, a path scope, or both nested in either order (docs/language.md, "Scoping rules to hosts and paths").
        scopes: fc.option(
          fc.tuple(fc.option(pick(HOST_SCOPES), { nil: undefined }), fc.option(pick(PATH_SCOPES), { nil: undefined }), fc.boolean()).map(([host, path, pathFirst]) => {
            const heads = [host, path].filter((h): h is string => h !== undefined);
            return pathFirst ? heads.reverse() : heads;
          }),
          { nil: undefined, freq: 3 },
        ),
      }).map(({ elseBranches, scopes, ...rule }): GenRule => withShadow({ ...rule, ...(elseBranches !== undefined && { elseBranches }), ...(scopes !== undefined && scopes.length > 0 && { scopes }) }));
    });
    // A rule whose actions read `match[N]`: one `matches`, joined to the rest of the condition by `and` only.
    const matchRule = fc.tuple(pick<Phase>(["request_headers", "response_headers"]), pick(GROUP_PATTERNS)).chain(([phase, [pattern, groups]]) => {
      const e = new Expressions(params, names, phase);
      const subject = fc.oneof({ weight: 3, arbitrary: fc.constant("request.path") }, { weight: 1, arbitrary: e.stringField() });
      const rest = fc.option(e.comparison().filter((c) => !c.includes(" matches ")), { nil: undefined });
      return fc.record({
        name: fc.option(pick(RULE_NAMES), { nil: undefined }),
        phase: fc.constant(phase),
        condition: fc.tuple(subject, rest).map(([s, r]) => `${s} matches ${patternText(pattern)}${r === undefined ? "" : ` and (${r})`}`),
        // The first action always reads a group, so that most match rules show one.
        actions: fc
          .tuple(pick(names), fc.integer({ min: 0, max: groups }), fc.array(new Expressions(params, names, phase, groups, variables).action(), { maxLength: 2 }))
          .map(([h, n, more]) => [`set ${quote(h)} = "<\${match[${n}]}>"`, ...more]),
      });
    });
    // A body rule (language.md, "Bodies"): decided over the whole body, reading request fields beside it.
    const bodyRule = pick<Phase>(["request_body", "response_body"]).chain((phase) => {
      const e = new Expressions(params, names, phase);
      return fc.record({
        name: fc.option(pick(RULE_NAMES), { nil: undefined }),
        phase: fc.constant(phase),
        condition: fc.option(e.condition(), { nil: undefined }),
        actions: fc.array(e.action(), { minLength: 1, maxLength: 2 }),
      });
    });
    const rule = fc.oneof({ weight: 3, arbitrary: plainRule }, { weight: 1, arbitrary: matchRule }, { weight: 1, arbitrary: bodyRule });
    // The variables' first `let`s, before every rule that may read them; read nothing themselves.
    const setter = new Expressions(params, names, "request_headers");
    const setterRule: fc.Arbitrary<GenRule[]> = variables
      ? fc.record({ phase: fc.constant<Phase>("request_headers"), condition: fc.option(setter.condition(), { nil: undefined }), actions: fc.tuple(setter.string().filter((v) => !isAddressText(v)), setter.int(), setter.condition()).map(([a, b, c]) => [`let ${VARIABLES.string} = ${a}`, `let ${VARIABLES.int} = ${b}`, `let ${VARIABLES.bool} = ${c}`]) }).map((r): GenRule[] => [r])
      : fc.constant([]);
    const rules = fc.tuple(setterRule, fc.array(rule, { minLength: 1, maxLength: 6 })).map(([first, rest]) => [...first, ...rest]);
    return rules.chain((rs) => {
      const names = [...new Set(rs.flatMap((r) => (r.name === undefined ? [] : [r.name])))];
      const config = fc.record({
        values: fc.tuple(...params.map((p, i) => fc.option(configValue(p.type).map((v) => [i, v] as const), { nil: undefined }))).map((vs) => vs.filter((v) => v !== undefined)),
        disabled: fc.subarray(names),
        shadowed: fc.subarray(names),
        enforced: fc.subarray(names),
        unknownKey: fc.boolean(),
        trustedHops: fc.option(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: pick<unknown>([-1, "2", 1.5]) }), { nil: undefined }),
      });
      return config.map((c) => ({ params, rules: uniqueNames(rs), config: c }));
    });
  });
}

/** A shadow rule is named and outside local_reply (E0142, E0285); about one named rule in four is one. */
function withShadow(rule: GenRule & { readonly shadow: boolean }): GenRule {
  const { shadow, ...rest } = rule;
  return shadow && rule.name !== undefined && rule.phase !== "local_reply" ? { ...rest, shadow } : rest;
}

/** Rule names must be unique: a repeated one loses its name. */
function uniqueNames(rules: GenRule[]): GenRule[] {
  const seen = new Set<string>();
  return rules.map((r) => {
    if (r.name === undefined || !seen.has(r.name)) {
      if (r.name !== undefined) seen.add(r.name);
      return r;
    }
    const { name: _, shadow: __, ...rest } = r;
    return rest;
  });
}

/** The source text of a batch of programs, each guarded by its number. */
export function batchText(programs: readonly GenProgram[]): string {
  return programs.map((p, k) => programText(p, k)).join("\n");
}

export function programText(program: GenProgram, k: number): string {
  const rename = (text: string) => text.replaceAll("param_slot_", `p${k}_`).replaceAll("var_slot_", `v${k}_`);
  const lines = program.params.map((p, i) => `param ${rename(slot(i))} = ${p.text}`);
  for (const rule of program.rules) {
    const guard = `request.header[${quote(PROGRAM_HEADER)}] == ${quote(String(k))}`;
    const condition = rule.condition === undefined ? guard : `${guard} and (${rename(rule.condition)})`;
    const name = rule.name === undefined ? "" : `rule ${quote(ruleName(rule.name, k))} ${rule.shadow === true ? "shadow " : ""}`;
    // Each `else` branch is guarded too: a plain `else` would run for every other program's requests.
    const branches = (rule.elseBranches ?? []).map((b) => ` else when ${b.condition === undefined ? guard : `${guard} and (${rename(b.condition)})`} {\n  ${b.actions.map(rename).join("\n  ")}\n}`);
    const text = `${name}on ${rule.phase} when ${condition} {\n  ${rule.actions.map(rename).join("\n  ")}\n}${branches.join("")}`;
    lines.push((rule.scopes ?? []).reduceRight((inner, head) => `${head} {\n${inner}\n}`, text));
  }
  return lines.join("\n");
}

function ruleName(name: string, k: number): string {
  return `${name}-${k}`;
}

/** The plugin configuration of a batch: each program's part, or one of the malformed shapes for all of them. */
export function batchConfig(programs: readonly GenProgram[], shape: "object" | "escaped" | "empty" | "invalid" | "array"): string {
  if (shape === "empty") return "";
  if (shape === "invalid") return "{ not json";
  if (shape === "array") return "[1]";
  const object: Record<string, unknown> = {};
  const disabled: string[] = [];
  const shadowed: string[] = [];
  const enforced: string[] = [];
  programs.forEach((p, k) => {
    shadowed.push(...p.config.shadowed.map((n) => ruleName(n, k)));
    enforced.push(...p.config.enforced.map((n) => ruleName(n, k)));
    for (const [i, value] of p.config.values) object[`p${k}_${i}`] = value;
    disabled.push(...p.config.disabled.map((n) => ruleName(n, k)));
    if (p.config.unknownKey) object[`unknown_${k}`] = 1;
  });
  if (disabled.length > 0) object.disabled_rules = disabled;
  if (shadowed.length > 0) object.shadow_rules = shadowed;
  if (enforced.length > 0) object.enforce_rules = enforced;
  const hops = programs[0]?.config.trustedHops;
  if (hops !== undefined && batchText(programs).includes("client.address")) object.trusted_hops = hops;
  const text = JSON.stringify(object);
  // Escaped: every non-ASCII UTF-16 unit as \uXXXX, so characters outside the BMP become surrogate pairs.
  return shape === "escaped" ? text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}

export const configShapeArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constant("object" as const) },
  { weight: 2, arbitrary: fc.constant("escaped" as const) },
  { weight: 1, arbitrary: pick(["empty", "invalid", "array"] as const) },
);

const headerArbitrary: fc.Arbitrary<Header> = fc.oneof(
  fc.tuple(fc.constant("x-forwarded-for"), pick(["10.1.2.3", "203.0.113.9, 10.1.2.3", "2001:db8::7,192.168.1.7", "unknown, 10.1.2.3", " 10.1.2.3 ,\t::1", "10.1.2.3:80", ""])),
  fc.tuple(pick(HEADER_NAMES.filter((h) => h !== "cookie" && h !== "x-request-id")), pick(TEXTS)),
  fc.array(fc.tuple(pick(COOKIE_NAMES), pick(["1", "canary", '"q"', "a b ", ""])), { minLength: 1, maxLength: 3 }).map((pairs): Header => ["cookie", pairs.map(([n, v]) => `${n}=${v}`).join("; ")]),
);

const requestArbitrary = (program: number): fc.Arbitrary<RequestInput> =>
  fc.record({
    method: pick(["GET", "POST", "DELETE"]),
    path: fc.tuple(pick(PATHS), pick(QUERIES)).map(([p, q]) => p + q),
    authority: pick(["example.com", "shop.example", "Example.COM:8443", "[::1]:8080", "[::1]", "example.com:99999"]),
    scheme: pick(["http", "https"]),
    headers: fc.tuple(fc.array(headerArbitrary, { maxLength: 4 }), pick(["rid-1", "a", "ABC"])).map(([hs, id]): Header[] => [[PROGRAM_HEADER, String(program)], ...hs, ["x-request-id", id]]),
    body: fc.option(pick(BODIES), { nil: undefined }),
    bodySplit: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  });

/** Bodies of requests and responses: texts the expressions search for, alone and inside longer bodies. */
const REPLACE_TEXTS = ["a", "x", "/api/", "canary", "=", "xx"];
const REPLACE_PATTERNS = ["[0-9]+", "a*", "x+c", "^.", ".$", "(ab|a)+", "[a-z]+=", "", "x*$"];
const BODIES = ["", ...TEXTS.filter((t) => t !== ""), "q=1&a=b", "{\"a\": \"/api/\"}", "x".repeat(300) + "canary"];

const responseArbitrary: fc.Arbitrary<ResponseInput> = fc.record({
  status: pick([200, 204, 301, 404, 500, 503]),
  headers: fc.array(fc.tuple(pick(["x-a", "x-b", "server", "x-aa-1"]), pick(TEXTS)), { maxLength: 3 }),
  body: fc.option(pick(BODIES), { nil: undefined }),
});

const connectionArbitrary: fc.Arbitrary<ConnectionInput> = fc.record(
  {
    sourceIp: pick(ADDRESSES),
    sourcePort: fc.integer({ min: 1, max: 65535 }),
    destinationPort: pick([80, 8080, 8443]),
    mtls: fc.boolean(),
    principal: pick(["spiffe://cluster.local/ns/a/sa/b", "admin"]),
  },
  { requiredKeys: ["sourceIp", "sourcePort", "destinationPort", "mtls"] },
);

/** An exchange for program `k` of a batch. */
export const exchangeArbitrary = (program: number): fc.Arbitrary<Exchange> =>
  fc.record({ request: requestArbitrary(program), response: responseArbitrary, connection: connectionArbitrary });

/** A batch: programs, the configuration's shape, and exchanges for each program. */
export function batchArbitrary(programs: number, exchangesPerProgram: number) {
  return fc.array(programArbitrary(), { minLength: programs, maxLength: programs }).chain((list) =>
    fc.record({
      programs: fc.constant(list),
      configShape: configShapeArbitrary,
      exchanges: fc.tuple(...list.map((_, k) => fc.array(exchangeArbitrary(k), { minLength: exchangesPerProgram, maxLength: exchangesPerProgram }))).map((xs) => xs.flat()),
    }),
  );
}
