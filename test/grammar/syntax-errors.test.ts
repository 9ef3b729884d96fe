import { describe, expect, it } from "vitest";
import { parse, MAX_DIAGNOSTICS, type Rule } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { errorsOf, rendered } from "./helpers.js";

function lines(...text: string[]): string {
  return text.join("\n");
}

describe("rendered syntax errors", () => {
  it('a word that is not an action, after the condition', () => {
    expect(rendered('on request_headers when request.path == "/admin" foo')).toBe(
      lines(
        'error[E0112]: expected an action (set, add, deny, ...) after the condition, found `foo`',
        ' --> rules.fw:1:50',
        '  |',
        '1 | on request_headers when request.path == "/admin" foo',
        '  |                                                  ^^^',
      ),
    );
  });

  it('a misspelt `query` or `prefix` after `set` or `remove` suggests the word, not quoting it', () => {
    expect(rendered('on request_headers set qurey "k" = "v"')).toBe(
      lines(
        'error[E0113]: expected a header name in double quotes after `set`, found `qurey`',
        ' --> rules.fw:1:24',
        '  |',
        '1 | on request_headers set qurey "k" = "v"',
        '  |                        ^^^^^',
        '  = hint: did you mean `query`? query parameters are changed with `set query "name" = value` and `remove query "name"`',
      ),
    );
    expect(rendered('on request_headers remove prefx "x-"')).toContain('= hint: did you mean `prefix`? headers are removed by prefix with `remove prefix "x-internal-"`');
    expect(rendered('on request_headers remove qurey "k"')).toContain("= hint: did you mean `query`?");
    // A word that is nothing like them is still a header name without its quotes.
    expect(rendered('on request_headers set host "k" = "v"')).toContain('= hint: put it in double quotes: "host"');
  });

  it('a condition without `when`', () => {
    expect(rendered('on request_headers request.path == "/" deny 403')).toBe(
      lines(
        'error[E0112]: expected `when` or an action (set, add, deny, ...) after the phase, found `request`',
        ' --> rules.fw:1:20',
        '  |',
        '1 | on request_headers request.path == "/" deny 403',
        '  |                    ^^^^^^^',
        '  = hint: a condition starts with `when`: on request_headers when request.path == "/" deny 403',
      ),
    );
  });

  it('`=` where `==` was meant', () => {
    expect(rendered('on request_headers when request.path = "/" deny 403')).toBe(
      lines(
        'error[E0112]: expected an action (set, add, deny, ...) after the condition, found `=`',
        ' --> rules.fw:1:38',
        '  |',
        '1 | on request_headers when request.path = "/" deny 403',
        '  |                                      ^',
        '  = hint: to compare values, use `==`',
      ),
    );
  });

  it('a value missing after an operator', () => {
    expect(rendered('on request_headers when request.path == deny 403')).toBe(
      lines(
        'error[E0111]: expected a value after `==`, found `deny`',
        ' --> rules.fw:1:41',
        '  |',
        '1 | on request_headers when request.path == deny 403',
        '  |                                         ^^^^',
        '  = hint: the condition ends too early: `==` needs a value before the action',
      ),
    );
  });

  it('`matches` with a param instead of a pattern', () => {
    expect(rendered('on request_headers when request.path matches admin_pattern deny 404')).toBe(
      lines(
        'error[E0115]: `matches` needs a regular expression in double quotes, found `admin_pattern`',
        ' --> rules.fw:1:46',
        '  |',
        '1 | on request_headers when request.path matches admin_pattern deny 404',
        '  |                                              ^^^^^^^^^^^^^',
        '  = hint: patterns are written in place so they can be compiled ahead of time: request.path matches "^/v[0-9]+/"',
      ),
    );
  });

  it('a block that is never closed', () => {
    expect(rendered('on request_headers {\n  remove "x-debug"\non response_headers set "x-a" = "b"')).toBe(
      lines(
        'error[E0117]: missing `}`: this `{` is never closed',
        ' --> rules.fw:3:1',
        '  |',
        '3 | on response_headers set "x-a" = "b"',
        '  | ^^',
        ' --> rules.fw:1:20',
        '  |',
        '1 | on request_headers {',
        '  |                    ^ the block opened here',
        '  = hint: add `}` before `on`',
      ),
    );
  });

  it('an unterminated string', () => {
    expect(rendered('on request_headers set "x-env" = "prod\non response_headers stop')).toBe(
      lines(
        'error[E0102]: unterminated string: the closing `"` is missing',
        ' --> rules.fw:1:34',
        '  |',
        '1 | on request_headers set "x-env" = "prod',
        '  |                                  ^^^^^',
        '  = hint: a string ends on the line it starts; add `"` at its end',
      ),
    );
  });

  it('single quotes', () => {
    expect(rendered('on request_headers when request.method == \'POST\' deny 405')).toBe(
      lines(
        'error[E0105]: strings use double quotes, not single quotes',
        ' --> rules.fw:1:43',
        '  |',
        '1 | on request_headers when request.method == \'POST\' deny 405',
        '  |                                           ^^^^^^',
        '  = hint: write "POST"',
      ),
    );
  });

  it('a keyword as a param name', () => {
    expect(rendered('param path = "/api"')).toBe(
      lines(
        'error[E0114]: `path` is a keyword and cannot be a param name',
        ' --> rules.fw:1:7',
        '  |',
        '1 | param path = "/api"',
        '  |       ^^^^',
        '  = hint: choose another name, such as `path_value`',
      ),
    );
  });

  it('a misspelled action in a block', () => {
    expect(rendered('on request_headers {\n  sett "x-env" = "prod"\n}')).toBe(
      lines(
        'error[E0112]: expected an action or `}`, found `sett`',
        ' --> rules.fw:2:3',
        '  |',
        '2 |   sett "x-env" = "prod"',
        '  |   ^^^^',
        '  = hint: did you mean `set`?',
      ),
    );
  });

  it('`&&` for `and`', () => {
    expect(rendered('on request_headers when request.method == "GET" && connection.mtls deny 403')).toBe(
      lines(
        'error[E0101]: unexpected characters `&&`',
        ' --> rules.fw:1:49',
        '  |',
        '1 | on request_headers when request.method == "GET" && connection.mtls deny 403',
        '  |                                                 ^^',
        '  = hint: combine conditions with `and`',
      ),
    );
  });

  it('`rename` without `to`', () => {
    expect(rendered('on request_headers rename "x-old" "x-new"')).toBe(
      lines(
        'error[E0113]: expected `to` after `"x-old"`, found `"x-new"`',
        ' --> rules.fw:1:35',
        '  |',
        '1 | on request_headers rename "x-old" "x-new"',
        '  |                                   ^^^^^^^',
        '  = hint: rename "x-old" to "x-new"',
      ),
    );
  });

  it('`add query`: only `set` and `remove` edit query parameters', () => {
    expect(rendered('on request_headers add query "page" = "2"')).toBe(
      lines(
        'error[E0113]: expected a header name in double quotes after `add`, found `query`',
        ' --> rules.fw:1:24',
        '  |',
        '1 | on request_headers add query "page" = "2"',
        '  |                        ^^^^^',
        '  = hint: query parameters are changed with `set query "name" = value` and `remove query "name"`',
      ),
    );
  });

  it('`set query` without `=`', () => {
    expect(rendered('on request_headers set query "page" "2"')).toBe(
      lines(
        'error[E0113]: expected `=` after `"page"`, found `"2"`',
        ' --> rules.fw:1:37',
        '  |',
        '1 | on request_headers set query "page" "2"',
        '  |                                     ^^^',
        '  = hint: set query "page" = "2"',
      ),
    );
  });

  it('`log` without a level', () => {
    expect(rendered('on request_headers log "starting"')).toBe(
      lines(
        'error[E0113]: expected a log level (trace, debug, info, warn, error or critical) after `log`, found `"starting"`',
        ' --> rules.fw:1:24',
        '  |',
        '1 | on request_headers log "starting"',
        '  |                        ^^^^^^^^^^',
        '  = hint: the level comes before the message: log info "..."',
      ),
    );
  });

  it('a clause of limit or authorize out of order names the order', () => {
    expect(rendered('rule "a" on request_headers authorize with "x" copy headers ["x-user"] send headers ["cookie"]')).toContain(
      '  = hint: `send` is out of place: the clauses come in this order: authorize with "CLUSTER" [grpc] [timeout D] [on failure allow|deny] [send headers [...]] [path EXPR] [copy headers [...]]',
    );
    expect(rendered('rule "a" on request_headers limit 5 per minute burst 3 by request.path')).toContain('  = hint: `by` is out of place: the clauses come in this order: limit N per UNIT [by EXPR] [burst M]');
    // On a line of its own the word is more likely a statement gone wrong: no clause hint.
    expect(rendered('rule "a" on request_headers deny 403\nsend "x"')).not.toContain("out of place");
  });

  it('a misspelled statement keyword', () => {
    expect(rendered('rul "block" on request_headers deny 403')).toBe(
      lines(
        'error[E0110]: expected a statement (`on`, `rule`, `param`, `import` or `for`), found `rul`',
        ' --> rules.fw:1:1',
        '  |',
        '1 | rul "block" on request_headers deny 403',
        '  | ^^^',
        '  = hint: did you mean `rule`?',
      ),
    );
  });


  it('a word that starts no statement: the hint lists every statement keyword, and never offers `shadow`', () => {
    expect(rendered('shadw "block" on request_headers deny 403')).toBe(
      lines(
        'error[E0110]: expected a statement (`on`, `rule`, `param`, `import` or `for`), found `shadw`',
        ' --> rules.fw:1:1',
        '  |',
        '1 | shadw "block" on request_headers deny 403',
        '  | ^^^^^',
        '  = hint: each statement starts with `on`, `rule`, `param`, `import` or `for`',
      ),
    );
  });

  it('an unknown escape', () => {
    expect(rendered('on request_headers set "x-path" = "C:\\temp\\d"')).toBe(
      lines(
        'error[E0103]: unknown escape `\\d` in a string',
        ' --> rules.fw:1:43',
        '  |',
        '1 | on request_headers set "x-path" = "C:\\temp\\d"',
        '  |                                           ^^',
        '  = hint: regular expression escapes only work in the pattern after `matches`; elsewhere write \\\\ for a backslash',
      ),
    );
  });
});

describe("syntax errors: code, position and message", () => {
  it.each<[string, string[]]>([
    ["deny 403", ["E0110 1:1 expected a statement (`on`, `rule`, `param`, `import` or `for`), found `deny`"]],
    ["on request_headers deny 1 }", ["E0110 1:27 expected a statement (`on`, `rule`, `param`, `import` or `for`), found `}`"]],
    ["on request_headers when a == 1", ["E0112 1:31 expected an action (set, add, deny, ...) after the condition, found the end of the file"]],
    ["on request_headers when a == 1 and deny 403", ["E0111 1:36 expected a value after `and`, found `deny`"]],
    ["on request_headers when path == \"/\" stop", ["E0111 1:25 expected a value after `when`, found `path`"]],
    ["param x =", ["E0111 1:10 expected a value after `=`, found the end of the file"]],
    ["param = 3", ["E0113 1:7 expected a param name after `param`, found `=`"]],
    ["param x 3", ["E0113 1:9 expected `=` after `x`, found `3`"]],
    ['on "request_headers" stop', ["E0113 1:4 expected a phase (request_headers or response_headers) after `on`, found `\"request_headers\"`"]],
    ['rule "x" request_headers stop', ["E0113 1:10 expected `on` and a phase after the rule name, found `request_headers`"]],
    ["rule on request_headers stop", ["E0113 1:6 expected the rule name in double quotes after `rule`, found `on`"]],
    ["on request_headers set x = 1", ["E0113 1:24 expected a header name in double quotes after `set`, found `x`"]],
    ['on request_headers set "a" == "b"', ["E0113 1:28 expected `=` after `\"a\"`, found `==`"]],
    ['on request_headers set query page = "2"', ["E0113 1:30 expected a query parameter name in double quotes after `query`, found `page`"]],
    ['on request_headers set query = "2"', ["E0113 1:30 expected a query parameter name in double quotes after `query`, found `=`"]],
    ['on request_headers remove query', ["E0113 1:32 expected a query parameter name in double quotes after `query`, found the end of the file"]],
    ['on request_headers add query "k" = "1"', ["E0113 1:24 expected a header name in double quotes after `add`, found `query`"]],
    ['on request_headers set query "k" "v"', ["E0113 1:34 expected `=` after `\"k\"`, found `\"v\"`"]],
    ['on request_headers set query "k${request.path}" = "v"', ["E0119 1:32 a query parameter name cannot contain `${...}`"]],
    ["param query = 1", ["E0114 1:7 `query` is a keyword and cannot be a param name"]],
    ['on request_headers rewrite "/x"', ["E0113 1:28 expected `path` or `prefix` after `rewrite`, found `\"/x\"`"]],
    ['on request_headers rewrite prefix "/a" "/b"', ["E0113 1:40 expected `to` after `\"/a\"`, found `\"/b\"`"]],
    ['on request_headers respond 503 with "x"', ["E0113 1:37 expected `{` after `with`, found `\"x\"`"]],
    ['on request_headers respond 503 with { "a" = 1 "b" }', ["E0113 1:51 expected `=` after `\"b\"`, found `}`"]],
    ["on request_headers when request. == 1 stop", ["E0113 1:34 expected a field name after `.`, found `==`"]],
    ["on request_headers when f(a b) stop", ["E0113 1:29 expected `,` or `)`, found `b`"]],
    ["on request_headers when a in [1 2] stop", ["E0113 1:33 expected `,` or `]`, found `2`"]],
    ['on request_headers when request.header["x" == 1 stop', ["E0113 1:49 expected `]` after the key, found `stop`"]],
    ["on request_headers when (a == 1 stop", ["E0113 1:33 expected `)`, found `stop`"]],
    ["on request_headers when (a == 1", ["E0117 1:32 missing `)`: this `(` is never closed"]],
    ["on request_headers { stop", ["E0117 1:26 missing `}`: this `{` is never closed"]],
    ["param in = 1", ["E0114 1:7 `in` is a keyword and cannot be a param name"]],
    ["on request_headers log stop \"x\"", ["E0114 1:24 `stop` is a keyword and cannot be a log level"]],
    ["on request_headers when a ! b stop", ["E0101 1:27 unexpected character `!`"]],
    ['on request_headers set "h" = "${}"', ["E0107 1:31 empty `${}` in a string"]],
    ['on request_headers set "h" = "${a"', ["E0106 1:31 unterminated `${` in a string: the closing `}` is missing"]],
  ])("%s", (text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it("attaches the opening bracket as a related span", () => {
    const text = "on request_headers {\n  stop\non response_headers stop";
    const [d] = parse(new Source("rules.fw", text)).diagnostics;
    expect(d?.related).toEqual([{ span: { start: 19, end: 20 }, message: "the block opened here" }]);
  });
});

describe("recovery", () => {
  const file = [
    'param = "x"', // 1: missing name
    "on request_headers when request.path == deny 403", // 2: missing value
    'rule "ok" on request_headers deny 403', // 3: fine
    'on request_headers { sett "a" = "b"; stop }', // 4: misspelled action
    "on response_headers when a < b < c stop", // 5: chained comparison
    'on request_headers set "x" = "${request.header[}"', // 6: error inside an interpolation
    "on request_headers when request.method == 'GET' deny 405", // 7: single quotes
    'on response_headers set "x-fine" = "yes"', // 8: fine
    "on request_headers redirect 301", // 9: fine (the location is 301; the checker judges it)
    "on request_headers when a ==", // 10: missing value at the end of the file
  ].join("\n");

  it("reports every error in the file, sorted by position", () => {
    expect(errorsOf(file).map((e) => e.split(" ").slice(0, 2).join(" "))).toEqual([
      "E0113 1:7",
      "E0111 2:41",
      "E0112 4:22",
      "E0116 5:32",
      "E0111 6:48",
      "E0105 7:43",
      "E0111 10:29",
    ]);
  });

  it("keeps a best-effort program with the statements that did parse", () => {
    const { program } = parse(new Source("rules.fw", file));
    const rules = program.statements.filter((s): s is Rule => s.kind === "Rule");
    expect(program.statements.some((s) => s.kind === "ParamDecl")).toBe(false);
    expect(rules.find((r) => r.name?.value === "ok")?.actions.map((a) => a.kind)).toEqual(["Deny"]);
    expect(rules.some((r) => r.actions.some((a) => a.kind === "HeaderAssign" && a.name.value === "x-fine"))).toBe(true);
    // The block with a misspelled action keeps the action after it.
    expect(rules.some((r) => r.block && r.actions.map((a) => a.kind).join() === "Stop")).toBe(true);
    // A rule whose condition broke still has its action.
    expect(rules.some((r) => r.actions.some((a) => a.kind === "Deny" && a.status.kind === "IntLiteral" && a.status.value === 403 && !r.name))).toBe(true);
  });

  it(`stops after ${MAX_DIAGNOSTICS} diagnostics`, () => {
    const text = Array.from({ length: 150 }, (_, i) => `on request_headers when a == deny ${i}`).join("\n");
    const { diagnostics } = parse(new Source("rules.fw", text));
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(diagnostics.every((d) => d.code === "E0111")).toBe(true);
    const starts = diagnostics.map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });
});
