import { generateRuleSet } from "./dist/bench/corpus/rule-mix.js";
import { compileRules } from "./dist/compiler/build.js";
import { Source } from "./dist/compiler/source.js";
for (const n of [100, 200, 300, 400, 600, 1000]) {
  const set = generateRuleSet(n);
  const t = performance.now();
  try { const r = await compileRules(new Source("g.fw", set.text)); console.log(n, r.wasm.length, Math.round(performance.now() - t), "ms", (r.assemblyScript.match(/memory\.data<u8>\(\[([^\]]*)\]\)/g) || []).reduce((s, d) => s + d.split(",").length, 0), "static bytes approx"); }
  catch (e) { console.log(n, "FAIL", Math.round(performance.now() - t), "ms", String(e.detail).split("\n")[0]); }
}
