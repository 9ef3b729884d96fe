import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../compiler/functions/registry.js";
import { repoRoot } from "../support/paths.js";
import { CALLEES } from "../fmt/generator.js";
import { applyFunction } from "../reference/functions.js";

const language = readFileSync(join(repoRoot, "docs/language.md"), "utf8");
const functionsSection = language.slice(language.indexOf("### Functions"), language.indexOf("\n### ", language.indexOf("### Functions") + 1));

describe("the function registry", () => {
  it("documents every function in docs/language.md's table, with its result type", () => {
    expect(functionsSection.startsWith("### Functions")).toBe(true);
    for (const definition of FUNCTIONS.values()) {
      expect(functionsSection, definition.name).toContain(`| \`${definition.synopsis}\` | ${definition.result} |`);
    }
  });

  it("lists in the docs' table only functions that exist", () => {
    const documented = [...functionsSection.matchAll(/^\| `([a-z_]+)\(/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...FUNCTIONS.keys()].sort());
  });

  it("gives each function a synopsis that names it with its parameters", () => {
    for (const definition of FUNCTIONS.values()) {
      expect(definition.synopsis.startsWith(`${definition.name}(`)).toBe(true);
      for (const parameter of definition.parameters) expect(definition.synopsis, definition.name).toContain(parameter.name);
    }
  });
});

describe("the functions' other homes", () => {
  it("are all callees of the fmt round-trip generator", () => {
    expect([...CALLEES].sort()).toEqual([...FUNCTIONS.keys()].sort());
  });

  it("are all known to the reference interpreter", () => {
    // `exists` reads its argument unevaluated; random() and uuid() are not modelled (their values are the proxy's).
    for (const name of FUNCTIONS.keys()) {
      if (name === "exists" || name === "random" || name === "uuid") continue;
      const args = FUNCTIONS.get(name)!.parameters.map((parameter) => (parameter.type === "int" ? 1n : "a"));
      expect(() => applyFunction(name, args), name).not.toThrow();
    }
  });
});
