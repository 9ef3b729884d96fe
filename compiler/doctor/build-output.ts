import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Source } from "../../grammar/source.js";
import { sha256Hex } from "../digest.js";
import { withFileErrors } from "../file-errors.js";
import type { ValueType } from "../fields.js";
import type { Side } from "../phases.js";
import { readYamlFile, type YamlObject } from "./yaml-files.js";

/** What `filterc build` recorded in filter.map.json about the rules (compiler/build-project.ts). */
export interface RuleFacts {
  readonly rules: readonly { readonly name?: string; readonly index: number; readonly line: number; readonly answers?: boolean }[];
  readonly params: readonly { readonly name: string; readonly type: ValueType }[];
  readonly settings: readonly string[];
  readonly holds?: Side;
  /** The Envoy clusters the rules call; absent when they call none. */
  readonly clusters?: readonly string[];
}

/** A build's output folder as doctor reads it. */
export interface BuildOutput {
  readonly dir: string;
  readonly wasm: Uint8Array;
  readonly sha256: string;
  /** filter.wasm as a place to point findings about the module at (it has no text). */
  readonly wasmSource: Source;
  readonly map?: { readonly source: Source; readonly facts: RuleFacts };
  readonly envoyFilter?: YamlObject;
  readonly wasmPlugin?: YamlObject;
  readonly trafficExtension?: YamlObject;
  readonly envoyExtensionPolicy?: YamlObject;
  readonly envoyBootstrap?: YamlObject;
}

export class OutputFolderError extends Error {}

const RESOURCE_FILES = { envoyFilter: "envoyfilter.yaml", wasmPlugin: "wasmplugin.yaml", trafficExtension: "trafficextension.yaml", envoyExtensionPolicy: "envoyextensionpolicy.yaml", envoyBootstrap: "envoy.yaml" } as const;

export function readBuildOutput(dir: string, cwd: string): BuildOutput {
  if (!existsSync(dir)) throw new OutputFolderError(`${dir} does not exist: run \`filterc build RULES -o ${dir}\` first, or name the build's output folder`);
  if (!statSync(dir).isDirectory()) throw new OutputFolderError(`${dir} is not a folder: name the output folder of \`filterc build\` (it holds filter.wasm)`);
  const shown = (name: string) => {
    const rel = relative(cwd, join(dir, name));
    return rel.startsWith("..") ? join(dir, name) : rel;
  };
  const wasmPath = join(dir, "filter.wasm");
  if (!existsSync(wasmPath)) throw new OutputFolderError(`${dir} has no filter.wasm: name the output folder of \`filterc build\``);
  const wasm = new Uint8Array(withFileErrors("read", wasmPath, () => readFileSync(wasmPath)));
  const resources: Partial<Record<keyof typeof RESOURCE_FILES, YamlObject>> = {};
  for (const [key, name] of Object.entries(RESOURCE_FILES) as [keyof typeof RESOURCE_FILES, string][]) {
    if (existsSync(join(dir, name))) resources[key] = readYamlFile(join(dir, name), shown(name))[0];
  }
  return { dir, wasm, sha256: sha256Hex(wasm), wasmSource: new Source(shown("filter.wasm"), ""), ...readMap(join(dir, "filter.map.json"), shown("filter.map.json")), ...resources };
}

/** filter.map.json's facts; absent (and the checks that need them skipped) for a map from an older filterc. */
function readMap(path: string, shownAs: string): { map?: BuildOutput["map"] } {
  if (!existsSync(path)) return {};
  const text = withFileErrors("read", path, () => readFileSync(path, "utf8"));
  let data: Partial<RuleFacts>;
  try {
    data = JSON.parse(text) as Partial<RuleFacts>;
  } catch {
    throw new OutputFolderError(`${shownAs} is not valid JSON: rebuild with \`filterc build\``);
  }
  if (!Array.isArray(data.rules) || !Array.isArray(data.params)) return {};
  return { map: { source: new Source(shownAs, text), facts: { rules: data.rules, params: data.params, settings: data.settings ?? [], ...(data.holds === undefined ? {} : { holds: data.holds }), ...(Array.isArray(data.clusters) ? { clusters: data.clusters.filter((c): c is string => typeof c === "string") } : {}) } } };
}
