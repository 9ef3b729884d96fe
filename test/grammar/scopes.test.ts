import { describe, expect, it } from "vitest";
import { errorsOf, parseOk } from "./helpers.js";

/** The syntax of `for host`, `for host suffix` and `for path prefix` (docs/grammar.md, scope_decl). */

describe("scope blocks", () => {
  it("parse the three scopes, nested, with rules in order", () => {
    const program = parseOk('for host "a.example" {\n  on request_headers stop\n  for path prefix "/p/" { on request_headers stop }\n  rule "r" on response_headers stop\n}\nfor host suffix ".example" {}');
    const [a, b] = program.statements;
    expect(a?.kind === "Scope" && [a.target, a.value.value, a.statements.map((s) => s.kind)]).toEqual(["host", "a.example", ["Rule", "Scope", "Rule"]]);
    expect(b?.kind === "Scope" && [b.target, b.statements.length]).toEqual(["host suffix", 0]);
    const inner = a?.kind === "Scope" ? a.statements[1] : undefined;
    expect(inner?.kind === "Scope" && inner.target).toBe("path prefix");
  });

  it("keep `host` and `suffix` usable as param names", () => {
    parseOk('param host = "a"\nparam suffix = "b"\non request_headers when request.host == host set "x" = suffix');
  });

  it("name the scopes that exist for an unknown one (E0131), with a did-you-mean", () => {
    expect(errorsOf('for hots "a" {\n  on request_headers stop\n}')).toEqual(["E0131 1:5 unknown scope `for hots`: a scope is `for host`, `for host suffix` or `for path prefix`"]);
    expect(errorsOf('for path "/a" { on request_headers stop }')[0]).toMatch(/^E0131 1:5/);
    expect(errorsOf('for host prefix "a" { on request_headers stop }')[0]).toMatch(/^E0131 1:5/);
  });

  it("refuse a param inside a block (E0132) without losing the rest of the file", () => {
    expect(errorsOf('for host "a.example" {\n  param x = 1\n  on request_headers stop\n}\non request_headers stop')).toEqual([
      "E0132 2:3 a param cannot be declared inside a `for` block: params are file-wide",
    ]);
  });

  it("refuse a lone action inside a block (E0132), pointing at it", () => {
    expect(errorsOf('for host "a.example" { set "x" = "1" }')[0]).toBe("E0132 1:24 expected a rule or a nested `for` inside the `for` block, found `set`");
  });

  it("say what a scope needs when its words or its `{` are missing (E0113)", () => {
    expect(errorsOf("for {}")[0]).toBe("E0113 1:5 expected `host`, `host suffix` or `path prefix` after `for`, found `{`");
    expect(errorsOf('for host "a.example"\non request_headers stop')[0]).toBe('E0113 2:1 expected `{` and the scope\'s rules after `"a.example"`, found `on`');
  });

  it("refuse blocks nested past the limit (E0133) before parsing, instead of exhausting the stack", () => {
    const nested = (n: number) => 'for path prefix "/" {\n'.repeat(n) + "on request_headers stop\n" + "}\n".repeat(n);
    expect(errorsOf(nested(32))).toEqual([]);
    expect(errorsOf(nested(33))).toEqual(["E0133 33:21 `for` blocks nested too deeply: more than 32 inside one another"]);
    expect(errorsOf(nested(5000))[0]).toMatch(/^E0133 33:21/);
  });

  it("say which `{` is never closed", () => {
    expect(errorsOf('for host "a.example" {\n  on request_headers stop\n')[0]).toMatch(/^E0117 .* this `\{` is never closed/);
  });

  it("refuse an interpolation in the value (E0119)", () => {
    expect(errorsOf('for host "${request.host}" { on request_headers stop }')[0]).toMatch(/^E0119 1:11 a host cannot contain/);
  });
});
