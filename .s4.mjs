import { loadHost } from "./dist/host/index.js";
import { scenariosFor } from "./dist/bench/scenarios.js";
import { readExamples } from "./dist/bench/examples.js";
import { compileExample } from "./dist/bench/subjects.js";
const ex = readExamples().find(e => e.name === "admin-gate");
const wasm = await compileExample(ex);
const host = await loadHost(wasm, { trace: false, pluginConfig: "{}" });
for (let rep = 0; rep < 3; rep++)
  for (const sc of scenariosFor("admin-gate")) {
    for (let i = 0; i < 5000; i++) host.runStream(sc.spec);
    const t = process.hrtime.bigint();
    for (let i = 0; i < 20000; i++) host.runStream(sc.spec);
    console.log(sc.name, Number(process.hrtime.bigint() - t) / 20000);
  }
