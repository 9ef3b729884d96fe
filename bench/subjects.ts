import type { HostOptions } from "../host/index.js";
import { compileExample } from "./compile-example.js";
import type { Example } from "./examples.js";
import { floorPeer, minimalPeers, SDK_ROOT_ID, sdkPeers } from "./peers/catalogue.js";
import { buildSdkPeers } from "./peers/sdk-builder.js";
import { PLUGIN_CONFIG, scenariosFor, type Scenario } from "./scenarios.js";

/** How a module was made: by filterc, by hand (the lower bound), with the AssemblyScript SDK, or the host floor. */
export type Implementation = "filterc" | "minimal" | "sdk" | "floor";

/** One module under measurement, with the requests it is measured on. */
export interface Subject {
  /** "hello/filterc", "floor". */
  readonly id: string;
  readonly example: string;
  readonly implementation: Implementation;
  /** Where it comes from, relative to the repository. */
  readonly source: string;
  readonly wasm: Uint8Array;
  readonly hostOptions: HostOptions;
  readonly scenarios: readonly Scenario[];
}

/** filterc's build of every example, the hand-written and SDK peers where they exist, and the host floor. */
export async function buildSubjects(examples: readonly Example[]): Promise<Subject[]> {
  // The SDK peers first, in one child process: nothing to do with the in-process compilers.
  const withSdk = examples.filter((e) => sdkPeers[e.name] !== undefined);
  const sdkWasm = buildSdkPeers(withSdk.map((e) => sdkPeers[e.name]!.path));
  const subjects: Subject[] = [];
  for (const example of examples) {
    const scenarios = scenariosFor(example.name);
    const base = { example: example.name, scenarios, hostOptions: { trace: false, pluginConfig: PLUGIN_CONFIG } };
    subjects.push({ ...base, id: `${example.name}/filterc`, implementation: "filterc", source: example.file, wasm: await compileExample(example) });
    const minimal = minimalPeers[example.name];
    if (minimal !== undefined) {
      subjects.push({ ...base, id: `${example.name}/minimal`, implementation: "minimal", source: minimal.source, wasm: await minimal.build() });
    }
    const sdkIndex = withSdk.indexOf(example);
    if (sdkIndex >= 0) {
      subjects.push({
        ...base,
        id: `${example.name}/sdk`,
        implementation: "sdk",
        source: sdkPeers[example.name]!.source,
        wasm: sdkWasm[sdkIndex]!,
        hostOptions: { ...base.hostOptions, rootId: SDK_ROOT_ID },
      });
    }
  }
  subjects.push({
    id: "floor",
    example: "floor",
    implementation: "floor",
    source: floorPeer.source,
    wasm: await floorPeer.build(),
    hostOptions: { trace: false },
    scenarios: scenariosFor("floor"),
  });
  return subjects;
}
