import { describe, expect, it } from "vitest";
import { compileRegex, matchTable } from "../../compiler/regex/index.js";
import { bytesOf, javascriptRegExp, random } from "./support.js";

/**
 * Random small patterns over a tiny alphabet, compared with JavaScript's RegExp on every short input and some
 * longer random ones. RegExp searches like `matches` and agrees on this ASCII subset (no `\s`, no `\r`).
 */
function generator(seed: number) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const atom = (depth: number): string => {
    const roll = next();
    if (roll < 0.35) return pick(["a", "b", "A"]);
    if (roll < 0.45) return pick([".", "[ab]", "[^a]", "[a-b]", "\\w", "\\W", "\\d", "[^\\W]", "[b-c]"]);
    if (depth >= 3) return pick(["a", "b"]);
    return roll < 0.6 ? `(${alternation(depth + 1)})` : `(?:${alternation(depth + 1)})`;
  };
  const quantified = (depth: number): string => {
    const base = atom(depth);
    const roll = next();
    const quantifier =
      roll < 0.65 ? "" : pick(["*", "+", "?", "{2}", "{0,2}", "{1,}", "{1,3}", "*?", "+?", "??", "{2,3}?"]);
    return base + quantifier;
  };
  const sequence = (depth: number): string => {
    const length = depth === 0 ? 1 + Math.floor(next() * 4) : Math.floor(next() * 4);
    let text = "";
    for (let i = 0; i < length; i++) text += quantified(depth);
    return text;
  };
  const alternation = (depth: number): string => {
    const parts = [sequence(depth)];
    while (next() < 0.25) parts.push(sequence(depth));
    return parts.join("|");
  };
  const pattern = (): string => {
    const alternatives: string[] = [];
    do {
      alternatives.push((next() < 0.4 ? "^" : "") + sequence(0) + (next() < 0.4 ? "$" : ""));
    } while (next() < 0.3);
    return (next() < 0.15 ? "(?i)" : "") + alternatives.join("|");
  };
  const input = (maxLength: number): string => {
    const length = Math.floor(next() * (maxLength + 1));
    let text = "";
    for (let i = 0; i < length; i++) text += pick(["a", "b", "c", "A", "1", "\n"]);
    return text;
  };
  return { pattern, input };
}

/** Every string over {a, b, c} up to length 4: small enough to be exhaustive. */
function shortInputs(): string[] {
  const all = [""];
  for (let i = 0; all[i]!.length < 4; i++) for (const c of "abc") all.push(all[i]! + c);
  return all;
}

describe("random patterns agree with RegExp", () => {
  it("400 patterns, fixed seed", () => {
    const { pattern, input } = generator(20240611);
    const exhaustive = shortInputs();
    let compared = 0;
    let overBudget = 0;
    for (let p = 0; p < 400; p++) {
      const source = pattern();
      const result = compileRegex(source);
      if (!result.ok) {
        // A random pattern can legitimately need more states than the budget; nothing else may fail.
        expect(result.errors.map((e) => e.code), source).toEqual(["E0317"]);
        overBudget++;
        continue;
      }
      const reference = javascriptRegExp(source);
      const inputs = [...exhaustive, ...Array.from({ length: 40 }, () => input(14))];
      for (const text of inputs) {
        const ours = matchTable(result.table, bytesOf(text));
        if (ours !== reference.test(text)) {
          expect.fail(`${JSON.stringify(source)} on ${JSON.stringify(text)}: filterc says ${ours}, RegExp ${!ours}`);
        }
        compared++;
      }
    }
    expect(overBudget).toBeLessThan(8);
    expect(compared).toBeGreaterThan(390 * 121);
  });
});
