import { describe, expect, it } from "vitest";
import type { Action, ParamDecl, Rule } from "../../grammar/index.js";
import { bin, int, parseOk, ref, shape, str, textAt } from "./helpers.js";

function onlyRule(text: string): Rule {
  const program = parseOk(text);
  expect(program.statements).toHaveLength(1);
  const rule = program.statements[0]!;
  expect(rule.kind).toBe("Rule");
  return rule as Rule;
}

function onlyAction(text: string): Action {
  const rule = onlyRule(`on request_headers ${text}`);
  expect(rule.actions).toHaveLength(1);
  return rule.actions[0]!;
}

describe("params", () => {
  it.each([
    ["param max_age = 31536000", int(31536000)],
    ['param env = "prod"', str("prod")],
    ["param strict = true", { kind: "BoolLiteral", value: true }],
    ["param lax = false", { kind: "BoolLiteral", value: false }],
    ['param blocked = ["10.0.0.0/8", "192.168.1.7"]', { kind: "ListLiteral", items: [str("10.0.0.0/8"), str("192.168.1.7")] }],
    ["param empty = []", { kind: "ListLiteral", items: [] }],
    ['param trailing = ["a",]', { kind: "ListLiteral", items: [str("a")] }],
  ])("%s", (text, value) => {
    const decl = parseOk(text).statements[0] as ParamDecl;
    expect(shape(decl)).toEqual({ kind: "ParamDecl", name: { kind: "Identifier", name: text.split(" ")[1] }, value });
    expect(decl.span).toEqual({ start: 0, end: text.length });
  });

  it("keeps any expression as the value; the checker restricts it", () => {
    const decl = parseOk("param p = request.path").statements[0] as ParamDecl;
    expect(shape(decl.value)).toEqual(ref("request.path"));
  });
});

describe("rules", () => {
  it("parses the example from the issue exactly as written", () => {
    const rule = onlyRule('on response_headers set "hello" = "world"');
    expect(shape(rule)).toEqual({
      kind: "Rule",
      phase: { kind: "Identifier", name: "response_headers" },
      actions: [{ kind: "HeaderAssign", op: "set", name: str("hello"), value: str("world") }],
      block: false,
    });
  });

  it("records a name, a condition and exact spans", () => {
    const text = 'rule "admin" on request_headers when request.path starts_with "/admin" deny 403';
    const rule = onlyRule(text);
    expect(rule.span).toEqual({ start: 0, end: text.length });
    expect(rule.name).toMatchObject({ value: "admin", raw: "admin", span: { start: 5, end: 12 } });
    expect(rule.phase).toEqual({ kind: "Identifier", name: "request_headers", span: { start: 16, end: 31 } });
    expect(textAt(text, rule.condition!.span)).toBe('request.path starts_with "/admin"');
    const condition = rule.condition!;
    expect(condition.kind === "Binary" && textAt(text, condition.opSpan)).toBe("starts_with");
    expect(textAt(text, rule.actions[0]!.span)).toBe("deny 403");
  });

  it("marks blocks, accepts `;` and newlines between actions, and spans the braces", () => {
    const text = 'on request_headers {\n  remove prefix "x-internal-"; rename "x-old" to "x-new"\n  stop;\n}';
    const rule = onlyRule(text);
    expect(rule.block).toBe(true);
    expect(rule.actions.map((a) => a.kind)).toEqual(["HeaderRemovePrefix", "HeaderRename", "Stop"]);
    expect(rule.span).toEqual({ start: 0, end: text.length });
  });

  it("accepts an empty block (the checker decides whether that is useful)", () => {
    expect(onlyRule("on request_headers {}").actions).toEqual([]);
  });

  it("accepts statements in any order, on one line or many", () => {
    const program = parseOk('on request_headers stop param a = 1 rule "x" on response_headers stop\nparam b = 2');
    expect(program.statements.map((s) => s.kind)).toEqual(["Rule", "ParamDecl", "Rule", "ParamDecl"]);
  });

  it("parses the example file from the issue without diagnostics", () => {
    const program = parseOk(EXAMPLE);
    expect(program.statements.map((s) => (s.kind === "Rule" ? s.actions.map((a) => a.kind).join("+") : "param"))).toEqual([
      "param",
      "param",
      "HeaderAssign",
      "Log+Deny",
      "Deny",
      "Redirect",
      "RewritePrefix",
      "Respond",
      "HeaderRemovePrefix+HeaderRename+HeaderAssign+Stop",
    ]);
    expect(program.comments.map((c) => c.text)).toEqual([" Security headers for every response"]);
  });
});

describe("actions", () => {
  it.each([
    ['set "x-a" = "1"', { kind: "HeaderAssign", op: "set", name: str("x-a"), value: str("1") }],
    ['add "x-a" = 1', { kind: "HeaderAssign", op: "add", name: str("x-a"), value: int(1) }],
    ['set_default "x-env" = env', { kind: "HeaderAssign", op: "set_default", name: str("x-env"), value: ref("env") }],
    ['remove "x-debug"', { kind: "HeaderRemove", name: str("x-debug") }],
    ['remove prefix "x-envoy-"', { kind: "HeaderRemovePrefix", prefix: str("x-envoy-") }],
    ['rename "a" to "b"', { kind: "HeaderRename", from: str("a"), to: str("b") }],
    ['rewrite path "/v2"', { kind: "RewritePath", value: str("/v2") }],
    ['rewrite prefix "/old/" to new_prefix', { kind: "RewritePrefix", from: str("/old/"), to: ref("new_prefix") }],
    ['set query "page" = "2"', { kind: "QueryParam", op: "set", key: str("page"), value: str("2") }],
    ['set query "v" = version', { kind: "QueryParam", op: "set", key: str("v"), value: ref("version") }],
    ['remove query "utm_source"', { kind: "QueryParam", op: "remove", key: str("utm_source") }],
    ['set "query" = "x"', { kind: "HeaderAssign", op: "set", name: str("query"), value: str("x") }],
    ["deny 403", { kind: "Deny", status: int(403) }],
    ['deny 403 "forbidden"', { kind: "Deny", status: int(403), body: str("forbidden") }],
    ["deny status", { kind: "Deny", status: ref("status") }],
    ["respond 204", { kind: "Respond", status: int(204), headers: [] }],
    ['respond 200 "ok"', { kind: "Respond", status: int(200), body: str("ok"), headers: [] }],
    [
      'respond 503 "unavailable" with { "retry-after" = "5", "x-a" = "b" }',
      {
        kind: "Respond",
        status: int(503),
        body: str("unavailable"),
        headers: [
          { kind: "HeaderEntry", name: str("retry-after"), value: str("5") },
          { kind: "HeaderEntry", name: str("x-a"), value: str("b") },
        ],
      },
    ],
    [
      'respond 429 with {\n  "retry-after" = "5";\n  "x-b" = request.id\n  "x-c" = "c",\n}',
      {
        kind: "Respond",
        status: int(429),
        headers: [
          { kind: "HeaderEntry", name: str("retry-after"), value: str("5") },
          { kind: "HeaderEntry", name: str("x-b"), value: ref("request.id") },
          { kind: "HeaderEntry", name: str("x-c"), value: str("c") },
        ],
      },
    ],
    ['redirect "/new"', { kind: "Redirect", location: str("/new") }],
    ['redirect 301 "/new"', { kind: "Redirect", status: int(301), location: str("/new") }],
    ["redirect code target", { kind: "Redirect", status: ref("code"), location: ref("target") }],
    ['log warn "blocked"', { kind: "Log", level: { kind: "Identifier", name: "warn" }, message: str("blocked") }],
    ["log debug request.path", { kind: "Log", level: { kind: "Identifier", name: "debug" }, message: ref("request.path") }],
    ["stop", { kind: "Stop" }],
  ])("%s", (text, expected) => {
    const action = onlyAction(text);
    expect(shape(action)).toEqual(expected);
    expect(action.span).toEqual({ start: "on request_headers ".length, end: "on request_headers ".length + text.length });
  });

  it("spans the header entries of respond", () => {
    const text = 'on request_headers respond 503 with { "retry-after" = "5" }';
    const action = onlyRule(text).actions[0]!;
    expect(action.kind).toBe("Respond");
    if (action.kind !== "Respond") return;
    expect(textAt(text, action.headers[0]!.span)).toBe('"retry-after" = "5"');
    expect(textAt(text, action.headers[0]!.name.span)).toBe('"retry-after"');
  });
});

describe("references and calls", () => {
  it("accepts keywords as segments after a dot", () => {
    const text = "on request_headers when request.path == request.prefix and a.to.with.in == b.matches rewrite path request.path";
    const rule = onlyRule(text);
    expect(shape(rule.condition)).toEqual(
      bin("and", bin("==", ref("request.path"), ref("request.prefix")), bin("==", ref("a.to.with.in"), ref("b.matches"))),
    );
    expect(shape(rule.actions[0])).toEqual({ kind: "RewritePath", value: ref("request.path") });
  });

  it("spans every segment and the key", () => {
    const text = 'on request_headers when request.header["x-id"] == "1" stop';
    const condition = onlyRule(text).condition!;
    expect(condition.kind).toBe("Binary");
    if (condition.kind !== "Binary" || condition.left.kind !== "Reference") throw new Error("expected a reference");
    const left = condition.left;
    expect(textAt(text, left.span)).toBe('request.header["x-id"]');
    expect(left.segments.map((s) => textAt(text, s.span))).toEqual(["request", "header"]);
    expect(textAt(text, left.key!.span)).toBe('"x-id"');
  });

  it("parses calls with any identifier callee and any number of arguments", () => {
    const rule = onlyRule('on request_headers when exists(request.header["x"]) and lower(a) == "b" and f() and g(1, "2", h(x)) stop');
    const call = (name: string, args: unknown[]) => ({ kind: "Call", callee: { kind: "Identifier", name }, args });
    expect(shape(rule.condition)).toEqual(
      bin(
        "and",
        bin("and", bin("and", call("exists", [ref("request.header", str("x"))]), bin("==", call("lower", [ref("a")]), str("b"))), call("f", [])),
        call("g", [int(1), str("2"), call("h", [ref("x")])]),
      ),
    );
  });
});

const EXAMPLE = `# Security headers for every response
param hsts_max_age = 31536000
param blocked = ["10.0.0.0/8", "192.168.1.7"]

rule "hsts" on response_headers set "strict-transport-security" = "max-age=\${hsts_max_age}"
rule "admin" on request_headers when request.path starts_with "/admin" and not exists(request.header["x-token"]) {
  log warn "blocked \${request.path} from \${source.address}"
  deny 403 "forbidden"
}
on request_headers when source.address in blocked deny 403
on request_headers when request.path matches "^/v\\d+/old" redirect 301 "/new"
on request_headers when lower(request.header["x-env"]) == "canary" rewrite prefix "/api/" to "/api-canary/"
on response_headers when response.status >= 500 respond 503 "unavailable" with { "retry-after" = "5", "x-a" = "b" }
on request_headers { remove prefix "x-internal-"; rename "x-old" to "x-new"; set_default "x-env" = "prod"; stop }
`;
