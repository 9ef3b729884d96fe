import { describe, expect, it } from "vitest";
import type { Rule } from "../../grammar/index.js";
import { errorsOf, parseOk, shape, str, textAt } from "./helpers.js";

describe("let", () => {
  it("parses into a Let action with its name and value", () => {
    const text = 'on request_headers { let tenant = request.header["x-tenant"]; set "x" = tenant }';
    const rule = parseOk(text).statements[0] as Rule;
    expect(rule.actions.map((a) => a.kind)).toEqual(["Let", "HeaderAssign"]);
    const action = rule.actions[0]!;
    expect(action.kind === "Let" && action.name.name).toBe("tenant");
    expect(textAt(text, action.span)).toBe('let tenant = request.header["x-tenant"]');
    expect(shape(rule.actions[1])).toEqual({ kind: "HeaderAssign", op: "set", name: str("x"), value: { kind: "Reference", segments: [{ kind: "Identifier", name: "tenant" }] } });
  });

  it("makes `let` a keyword: it cannot name a param or a variable", () => {
    expect(errorsOf("param let = 1")[0]).toMatch(/^E0114 /);
    expect(errorsOf("on request_headers let let = 1")[0]).toMatch(/^E0114 .*cannot be a variable name/);
  });

  it("needs a name, `=` and a value, with located syntax errors", () => {
    expect(errorsOf('on request_headers let "x" = 1')[0]).toMatch(/^E0113 1:24 expected a variable name/);
    expect(errorsOf("on request_headers let x 1")[0]).toMatch(/^E011\d 1:26 /);
    expect(errorsOf("on request_headers let x =")[0]).toMatch(/^E011\d /);
    expect(errorsOf("on request_headers let request.path = 1")[0]).toMatch(/^E0138 1:31 a variable name is one word/);
  });
});
