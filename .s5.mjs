import { loadHost } from "./dist/host/index.js";
import { scenariosFor } from "./dist/bench/scenarios.js";
import { readExamples } from "./dist/bench/examples.js";
import { compileExample } from "./dist/bench/subjects.js";
const ex = readExamples().find(e => e.name === "admin-gate");
const wasm = await compileExample(ex);
const host = await loadHost(wasm, { trace: false, pluginConfig: "{}" });
const sc = scenariosFor("admin-gate")[1];
for (let i = 0; i < 150000; i++) host.runStream(sc.spec);
