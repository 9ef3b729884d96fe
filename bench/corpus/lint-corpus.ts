import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRule } from "./rule-mix.js";

/**
 * A corpus of rule files like a mesh's repository might hold: each file a few request rules of the generated mix
 * (3 to 12, varying by file), a param, and a response rule that uses it. Returns the rule count.
 */
export function writeLintCorpus(dir: string, files: number): { files: number; rules: number } {
  mkdirSync(dir, { recursive: true });
  let rules = 0;
  for (let f = 0; f < files; f++) {
    const count = 3 + (f % 10);
    const lines = [`# service ${f}`, `param cache_seconds = ${60 + f}`];
    for (let i = 0; i < count; i++) lines.push(generateRule(f * 16 + i, `s${f}-`).text);
    // The generated files answer locally, which lint reports for response rules; here that is intended.
    lines.push("# filterc-disable-next-line response-rules-skip-local-replies -- only upstream answers are cached");
    lines.push(`rule "s${f}-cache" on response_headers when response.status == 200 set "cache-control" = "max-age=\${cache_seconds}"`);
    rules += count + 1;
    writeFileSync(join(dir, `service-${String(f).padStart(4, "0")}.fw`), lines.join("\n") + "\n");
  }
  return { files, rules };
}
