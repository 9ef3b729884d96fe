import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeFilesAtomically, type OutputFile } from "./atomic-write.js";
import { compileRules } from "./build.js";
import { hasErrors, type Diagnostic } from "../grammar/diagnostic.js";
import { emitDeployment, type DeploymentSettings, type SettingsOverrides } from "./emit/index.js";
import { checkOverrides, loadProjectFile, resolveSettings } from "./project/index.js";
import { Source } from "../grammar/source.js";

export interface BuildRequest {
  readonly ruleFile: string;
  readonly outDir: string;
  /** Settings from command-line flags; they win over filterc.yaml. */
  readonly flags: SettingsOverrides;
  readonly optimize?: "size" | "speed";
  readonly debug?: boolean;
  readonly emitAssemblyScript?: boolean;
  readonly emitWat?: boolean;
  /** The project file; by default filterc.yaml beside the rule file, when it exists. */
  readonly projectFile?: string;
}

/** Diagnostics grouped by the file they point into, so each renders with its own source lines. */
export interface FileDiagnostics {
  readonly source: Source;
  readonly diagnostics: readonly Diagnostic[];
}

export interface BuildOutcome {
  readonly problems: readonly FileDiagnostics[];
  /** Problems with flag values, which have no source position. */
  readonly flagProblems: readonly string[];
  readonly written: readonly string[];
  readonly wasmSize?: number;
  readonly sha256?: string;
  readonly settings?: DeploymentSettings;
}

/** The names a build writes, in order. */
export const OUTPUT_FILES = ["filter.wasm", "filter.map.json", "envoyfilter.yaml", "wasmplugin.yaml", "envoy.yaml"];

/**
 * `filterc build`: rule file to filter.wasm, its rule map and the deployment YAML, all or nothing. Nothing is
 * written unless every step succeeded.
 */
export async function buildProject(request: BuildRequest): Promise<BuildOutcome> {
  const source = new Source(request.ruleFile, readFileSync(request.ruleFile, "utf8"));
  const problems: FileDiagnostics[] = [];
  const projectPath = request.projectFile ?? join(dirname(request.ruleFile), "filterc.yaml");
  let project: SettingsOverrides = {};
  let pluginConfig: Record<string, unknown> = {};
  let optimize = request.optimize;
  if (request.projectFile !== undefined || existsSync(projectPath)) {
    const projectSource = new Source(projectPath, readFileSync(projectPath, "utf8"));
    const loaded = loadProjectFile(projectSource);
    if (loaded.diagnostics.length > 0) problems.push({ source: projectSource, diagnostics: loaded.diagnostics });
    project = loaded.settings;
    pluginConfig = loaded.pluginConfig ?? {};
    optimize ??= loaded.optimize;
  }
  const flagProblems = checkOverrides(request.flags)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.message}${p.hint === undefined ? "" : ` (${p.hint})`}`);
  const compiled = await compileRules(source, { optimize, debug: request.debug, wat: request.emitWat });
  if (compiled.diagnostics.length > 0) problems.push({ source, diagnostics: compiled.diagnostics });
  const failed = flagProblems.length > 0 || problems.some((p) => hasErrors(p.diagnostics));
  if (failed || compiled.wasm === undefined || compiled.sha256 === undefined || compiled.lowered === undefined) return { problems, flagProblems, written: [] };

  const settings = resolveSettings(basename(request.ruleFile), project, request.flags);
  const { wasm, sha256 } = compiled;
  const ruleMap = {
    version: 1,
    source: basename(request.ruleFile),
    sha256,
    rules: compiled.lowered.rules.map((r) => ({ ...withoutOffset(r), ...source.position(r.offset) })),
  };
  const files: OutputFile[] = [
    { name: "filter.wasm", content: wasm },
    { name: "filter.map.json", content: JSON.stringify(ruleMap, null, 2) + "\n" },
    // The project file's pluginConfig (checked by `filterc lint`) overrides the params' declared defaults.
    ...emitDeployment({ settings, module: { wasm, sha256 }, pluginConfig: { ...compiled.lowered.defaultConfig, ...pluginConfig } }),
  ];
  if (request.emitAssemblyScript && compiled.assemblyScript !== undefined) files.push({ name: "filter.ts", content: compiled.assemblyScript });
  if (request.emitWat && compiled.wat !== undefined) files.push({ name: "filter.wat", content: compiled.wat });
  const written = writeFilesAtomically(request.outDir, files);
  return { problems, flagProblems, written, wasmSize: wasm.length, sha256, settings };
}

function withoutOffset<T extends { offset: number }>(entry: T): Omit<T, "offset"> {
  const { offset: _offset, ...rest } = entry;
  return rest;
}
