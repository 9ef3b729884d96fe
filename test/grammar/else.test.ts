import { describe, expect, it } from "vitest";
import type { Rule } from "../../grammar/index.js";
import { ruleBranches } from "../../grammar/walk.js";
import { errorsOf, parseOk, shape, str, textAt } from "./helpers.js";

describe("else and else when", () => {
  const text = 'rule "r" on request_headers when request.path == "/a" { deny 403 } else when request.path == "/b" set "x" = "b" else { set "x" = "c"; stop }';

  it("parse into the rule's branches, in order", () => {
    const rule = parseOk(text).statements[0] as Rule;
    expect(rule.actions.map((a) => a.kind)).toEqual(["Deny"]);
    expect(rule.elseBranches).toHaveLength(2);
    const [first, last] = rule.elseBranches!;
    expect(first!.condition?.kind).toBe("Binary");
    expect(shape(first!.actions[0])).toEqual({ kind: "HeaderAssign", op: "set", name: str("x"), value: str("b") });
    expect(first!.block).toBe(false);
    expect(last!.condition).toBeUndefined();
    expect(last!.block).toBe(true);
    expect(last!.actions.map((a) => a.kind)).toEqual(["HeaderAssign", "Stop"]);
    expect(textAt(text, last!.span)).toBe('else { set "x" = "c"; stop }');
    // The rule spans its branches.
    expect(textAt(text, rule.span)).toBe(text);
  });

  it("are listed by ruleBranches with the span lint and checks point at", () => {
    const rule = parseOk(text).statements[0] as Rule;
    expect(ruleBranches(rule).map((b) => [b.index, textAt(text, b.span), b.condition !== undefined])).toEqual([
      [0, 'rule "r" on request_headers', true],
      [1, "else", true],
      [2, "else", false],
    ]);
  });

  it("leave a rule without else as it was: no elseBranches key", () => {
    expect(Object.keys(parseOk('on request_headers when request.path == "/" deny 403').statements[0]!)).not.toContain("elseBranches");
  });

  it("need an action after else, with a located syntax error", () => {
    expect(errorsOf('on request_headers when request.path == "/" deny 403 else')[0]).toMatch(/^E0112 1:58 /);
  });

  it("make `else` a keyword: it cannot name a param", () => {
    expect(errorsOf("param else = 1")[0]).toMatch(/^E0114 /);
  });
});
