import { describe, expect, it } from "vitest";
import { checkText, expectClean, expectDiagnostics, expectOne } from "./helpers.js";

describe("param declarations", () => {
  it("types each literal kind and keeps its JSON default", () => {
    const { checked } = expectClean('param s = "a"\nparam i = 3\nparam b = false\nparam l = ["x", "y"]\nparam e = []');
    expect(checked.params.map((p) => [p.name, p.type, p.defaultValue])).toEqual([
      ["s", "string", "a"],
      ["i", "int", 3],
      ["b", "bool", false],
      ["l", "list", ["x", "y"]],
      ["e", "list", []],
    ]);
  });

  it("reports a duplicate with the first declaration as related span (E0210)", () => {
    const d = expectOne("param limit = 10\nparam limit = 20", "E0210", 2, 7);
    expect(d.message).toBe("param `limit` is declared twice");
    expect(d.related).toEqual([{ span: { start: 6, end: 11 }, message: "first declared here" }]);
  });

  it("keeps the first of two duplicates", () => {
    const { checked } = checkText('param limit = 10\nparam limit = "x"');
    expect(checked.params.map((p) => p.defaultValue)).toEqual([10]);
  });

  it.each(["request", "response", "source", "destination", "connection"])("refuses the field root `%s` as a name (E0211)", (name) => {
    const d = expectOne(`param ${name} = "x"`, "E0211", 1, 7);
    expect(d.message).toContain(`a param cannot be named \`${name}\`: it is the start of field names like \`${name}.`);
  });

  it.each(["exists", "lower"])("refuses the builtin `%s` as a name (E0211)", (name) => {
    expect(expectOne(`param ${name} = "x"`, "E0211", 1, 7).message).toBe(`a param cannot be named \`${name}\`: the language already uses that name`);
  });

  it("refuses a template default (E0212) but still types the param as a string", () => {
    const { source, checked, diagnostics } = checkText('param home = "https://${request.host}/"\non request_headers when home == "x" deny 403');
    expect(diagnostics.map((d) => [d.code, source.position(d.span.start)])).toEqual([["E0212", { line: 1, column: 14 }]]);
    expect(diagnostics[0]!.message).toBe("the value of param `home` cannot interpolate `${...}`");
    expect(checked.params[0]!.type).toBe("string");
  });

  it("refuses a reference or expression default (E0212) and stays quiet about the param's uses", () => {
    expectDiagnostics('param p = request.path\nparam q = 1 == 1\non request_headers when p == "x" and q deny 403', [
      { code: "E0212", line: 1, column: 11 },
      { code: "E0212", line: 2, column: 11 },
    ]);
  });

  it("refuses list items that are not string literals (E0213)", () => {
    const { checked } = checkText('param l = ["a", 1, true]');
    expect(checked.params[0]!.defaultValue).toEqual(["a"]);
    expectDiagnostics('param l = ["a", 1, true]', [
      { code: "E0213", line: 1, column: 17 },
      { code: "E0213", line: 1, column: 20 },
    ]);
  });
});
