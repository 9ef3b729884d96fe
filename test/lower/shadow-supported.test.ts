import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Source } from "../../grammar/source.js";
import { check } from "../../compiler/check/index.js";
import { shadowSupported } from "../../compiler/shadow-mode.js";

/**
 * Lowering asks shadowSupported once per rule (lower/shadow.ts hasShadowPath): a scan of every rule each time made
 * a 10,000-rule build take 127 s of CPU instead of 11 s. The answer is kept per program.
 */
describe("shadowSupported", () => {
  const checkedOf = (text: string) => check(parse(new Source("t.fw", text)).program, { source: new Source("t.fw", text) }).checked;

  it("scans a program's rules once, however often it is asked", () => {
    const rules = Array.from({ length: 50 }, (_, i) => `rule "r${i}" on request_headers when request.path == "/${i}" deny 403`);
    const checked = checkedOf(rules.join("\n") + "\n");
    let scans = 0;
    const some = checked.rules.some.bind(checked.rules);
    Object.defineProperty(checked.rules, "some", { value: (...args: Parameters<typeof some>) => (scans++, some(...args)) });
    for (let i = 0; i < checked.rules.length; i++) expect(shadowSupported(checked)).toBe(false);
    expect(scans).toBe(1);
  });

  it("answers per program", () => {
    const plain = checkedOf(`rule "a" on request_headers when request.path == "/a" deny 403\n`);
    expect(shadowSupported(plain)).toBe(false);
    const shadowed = checkedOf(`rule "a" shadow on request_headers when request.path == "/a" deny 403\n`);
    expect(shadowSupported(shadowed)).toBe(true);
  });
});
