import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { lower } from "../../compiler/lower/index.js";
import { BALANCED_CHAIN_MIN_TERMS } from "../../compiler/lower/expression.js";
import { Source } from "../../grammar/source.js";

/** The deepest nesting of parentheses in a text. */
function depth(text: string): number {
  let now = 0;
  let most = 0;
  for (const c of text) {
    if (c === "(") most = Math.max(most, ++now);
    else if (c === ")") now--;
  }
  return most;
}

function ruleFunctionsOf(terms: number, op: "or" | "and"): string {
  const condition = Array.from({ length: terms }, (_, i) => `request.header["x-${i % 7}"] == "v${i}"`).join(` ${op} `);
  const { checked, diagnostics } = analyze(new Source("chain.fw", `on request_headers when ${condition} set "x-hit" = "1"\n`));
  expect(diagnostics).toEqual([]);
  const source = lower(checked, { testSets: false }).source;
  return source.slice(source.indexOf("export function proxy_on_request_headers"));
}

describe("and/or chains", () => {
  it("of many terms nest logarithmically deep, keeping every term in order", () => {
    for (const op of ["or", "and"] as const) {
      const callback = ruleFunctionsOf(500, op);
      expect(depth(callback)).toBeLessThan(20);
      const terms = [...callback.matchAll(/strEquals\(header(\d+)\(\), str\((D\d+)/g)].map((m) => m[2]);
      expect(terms).toHaveLength(500);
      // Static data numbers constants in the order lowering first needs them: the terms keep the file's order.
      expect(terms.map((d) => Number(d!.slice(1)))).toEqual([...terms.map((d) => Number(d!.slice(1)))].sort((a, b) => a - b));
    }
  });

  it("of few terms stay as they were printed before (left-nested)", () => {
    const callback = ruleFunctionsOf(BALANCED_CHAIN_MIN_TERMS - 1, "or");
    expect(depth(callback)).toBeGreaterThanOrEqual(BALANCED_CHAIN_MIN_TERMS - 1);
  });
});
