import { floorPeer, minimalPeers, sdkPeers, SDK_ROOT_ID } from "./dist/bench/peers/catalogue.js";
import { buildSdkPeers } from "./dist/bench/peers/sdk-builder.js";
import { scenariosFor } from "./dist/bench/scenarios.js";
import { readExamples } from "./dist/bench/examples.js";
import { compileRules } from "./dist/compiler/build.js";
import { Source } from "./dist/compiler/source.js";
import { loadHost } from "./dist/host/index.js";
const exs = readExamples();
const t = performance.now();
const sdks = buildSdkPeers(exs.map(e => sdkPeers[e.name].path));
console.log("sdk build ms", performance.now() - t);
for (const [i, ex] of exs.entries()) {
  const f = (await compileRules(new Source(ex.file, ex.text))).wasm;
  const m = await minimalPeers[ex.name].build();
  let s = sdks[i];
  console.log(ex.name, f.length, m.length, s?.length);
  const hosts = { filterc: await loadHost(f, { pluginConfig: "{}" }), minimal: await loadHost(m, { pluginConfig: "{}" }) };
  if (s) hosts.sdk = await loadHost(s, { pluginConfig: "{}", rootId: SDK_ROOT_ID });
  for (const sc of scenariosFor(ex.name)) {
    const outs = {};
    for (const [k, host] of Object.entries(hosts)) {
      const r = host.runStream(sc.spec);
      outs[k] = JSON.stringify({ up: r.upstreamRequest?.headers, st: r.response.status, h: r.response.headers, b: Buffer.from(r.response.body).toString(), d: r.response.details, logs: r.logs.map(l => [l.level, l.message]), trap: r.trap?.message });
      console.log(" ", sc.name, k, r.hostCalls);
    }
    for (const k of Object.keys(outs)) if (outs[k] !== outs.filterc) console.log("  MISMATCH", k, "\n   ", outs.filterc, "\n   ", outs[k]);
  }
}
