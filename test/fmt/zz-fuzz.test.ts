import { it } from "vitest";
import { writeFileSync } from "node:fs";
import { generateProgram } from "./generator.js";
import { fmt } from "./helpers.js";
it("fuzz", () => {
  for (const rate of [0.02, 0.2, 0.9]) for (let seed = 9000; seed < 11000; seed++) {
    const text = generateProgram(seed, { commentRate: rate });
    const once = fmt(text);
    const twice = fmt(once);
    if (twice !== once) { writeFileSync("/tmp/fmt/f.in", text); writeFileSync("/tmp/fmt/f.1", once); writeFileSync("/tmp/fmt/f.2", twice); console.log("SEED", seed, rate); return; }
  }
});
