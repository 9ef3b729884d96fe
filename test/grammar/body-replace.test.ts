import { describe, expect, it } from "vitest";
import { fmt } from "../fmt/helpers.js";
import { errorsOf, parseOk, rendered, textAt } from "./helpers.js";

describe("`replace \"TEXT\" with EXPR` and `replace matches \"REGEX\" with EXPR`", () => {
  it("parses a literal and a pattern, with their spans", () => {
    const text = 'on response_body { replace "a\\"b" with "x"; replace matches "[0-9]+\\\\." with request.path }';
    const rule = parseOk(text).statements[0];
    const actions = rule?.kind === "Rule" ? rule.actions : [];
    expect(actions.map((a) => a.kind)).toEqual(["Replace", "Replace"]);
    const [literal, pattern] = actions;
    expect(literal?.kind === "Replace" && literal.target.kind === "StringLiteral" && literal.target.value).toBe('a"b');
    expect(pattern?.kind === "Replace" && pattern.target.kind === "RegexLiteral" && pattern.target.pattern).toBe("[0-9]+\\.");
    expect(textAt(text, literal!.span)).toBe('replace "a\\"b" with "x"');
  });

  it("keeps `replace(...)` a function, in conditions and as the optional body of deny", () => {
    const text = 'on request_headers when replace(request.path, "a", "b") == "/b" deny 403 replace(request.path, "a", "b")';
    const rule = parseOk(text).statements[0];
    expect(rule?.kind === "Rule" && rule.actions.map((a) => a.kind)).toEqual(["Deny"]);
    // Before a `replace` action, deny's optional body stops.
    const two = parseOk('on request_body { deny 403 replace "a" with "b" }').statements[0];
    expect(two?.kind === "Rule" && two.actions.map((a) => a.kind)).toEqual(["Deny", "Replace"]);
  });

  it("reports a text without quotes (E0144) and a missing `with` (E0145), saying what to write", () => {
    expect(errorsOf("on response_body replace secret with \"x\"")).toEqual(["E0144 1:26 expected the text to replace in double quotes after `replace`, found `secret`"]);
    expect(errorsOf('on response_body replace matches [0-9] with "x"')).toEqual(["E0144 1:34 expected a regular expression in double quotes after `replace matches`, found `[`"]);
    expect(errorsOf('on response_body replace "a" "b"')).toEqual(['E0145 1:30 expected `with` and the replacement after the text of `replace`, found `"b"`']);
    expect(rendered('on response_body replace "a" to "b"')).toContain('hint: replace "secret" with "***"');
    expect(rendered('on response_body replce "a" with "b"')).toContain("did you mean `replace`?");
  });

  it("formats to one canonical form", () => {
    expect(fmt('on response_body {\n  replace   "a" with "b" ;replace matches "x+"   with "${request.path}"\n}\n')).toBe(
      'on response_body {\n  replace "a" with "b"\n  replace matches "x+" with "${request.path}"\n}\n',
    );
  });
});
