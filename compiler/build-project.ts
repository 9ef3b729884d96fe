import { existsSync } from "node:fs";
import { basename } from "node:path";
import { repairOutput, writeFilesAtomically, type OutputFile, type Repair } from "./atomic-write.js";
import { compileRules, type CompileResult } from "./build.js";
import { TRUSTED_HOPS_KEY } from "./setting-keys.js";
import { hasErrors, type Diagnostic } from "../grammar/diagnostic.js";
import { chooseTargets, emitDeployment, policyUnavailable, type DeploymentSettings, type DeploymentTarget, type EmitInput, type SettingsOverrides } from "./emit/index.js";
import { emitRateLimitConfig } from "./emit/ratelimit-config.js";
import { PackageCode, PackageError } from "./package/package-codes.js";
import { existingDirectory, makeDirectory } from "./file-errors.js";
import { checkOverrides, defaultProjectPath, loadProjectFile, moduleSettingsOf, ProjectCode, resolveSettings, unknownConfigKeyError, unknownConfigKeys, type ModuleSettings } from "./project/index.js";
import { yamlLibrary } from "./project/libraries.js";
import { locate } from "./project/yaml-locate.js";
import { composeRuleFiles } from "./imports.js";
import { FileCode, readRuleFile } from "./rule-file.js";
import { defaultMetricPrefix } from "./metric-names.js";
import { Source } from "../grammar/source.js";
import { bodyPhaseNote } from "./lower/body-stream.js";
import { fitVersions, type VersionSetting } from "./emit/version-fit.js";
import { versionsOf } from "./emit/versions.js";
import type { Rule, Span } from "../grammar/ast.js";
import { ruleActions } from "../grammar/walk.js";
import { isLocalResponse } from "./actions/registry.js";

export interface BuildRequest {
  /** The first rule file: it names the filter and has filterc.yaml beside it. */
  readonly ruleFile: string;
  /** Rule files named after it on the command line, composed after it in order (compiler/imports.ts). */
  readonly moreRuleFiles?: readonly string[];
  readonly outDir: string;
  /** Settings from command-line flags; they win over filterc.yaml. */
  readonly flags: SettingsOverrides;
  readonly optimize?: "size" | "speed";
  /** `--max-body` and `--on-body-overflow`, over filterc.yaml's `maxBody` and `onBodyOverflow`. */
  readonly maxBody?: number;
  readonly onBodyOverflow?: "deny" | "pass";
  readonly debug?: boolean;
  readonly emitAssemblyScript?: boolean;
  readonly emitWat?: boolean;
  /** The project file; by default filterc.yaml beside the rule file, when it exists. */
  readonly projectFile?: string;
  /** `--target`: the deployment files to write (compiler/emit/targets.ts); by default every one that can run the filter. */
  readonly targets?: readonly DeploymentTarget[];
  /** The targets written when neither `--target` nor filterc.yaml names any: build's three, or every one for package. */
  readonly defaultTargets?: readonly DeploymentTarget[];
  /**
   * `filterc package`: called once the module is built, before anything is written. It may throw a PackageError
   * (nothing is then written); what it returns goes into the deployment files and the output folder.
   */
  readonly packaging?: (module: { readonly wasm: Uint8Array; readonly sha256: string }, settings: DeploymentSettings) => Packaging;
}

/** What packaging adds to a build. */
export interface Packaging {
  /** The OCI image the deployment files load instead of the local file. */
  readonly image?: EmitInput["image"];
  /** More files for the output folder (configmap.yaml, wasm-mount.yaml). */
  readonly files?: readonly OutputFile[];
  readonly notes?: readonly string[];
  /** Writes what goes elsewhere (the OCI layout): run after every check passed, just before the output folder. */
  readonly beforeWrite?: () => void;
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
  /** What the output folder needed from an earlier build that was interrupted. */
  readonly repair: Repair;
  readonly wasmSize?: number;
  readonly sha256?: string;
  readonly settings?: DeploymentSettings;
  /** Why deployment files were left out (a filter that holds headers: compiler/emit/targets.ts). */
  readonly notes?: readonly string[];
  /** One line per body phase with rules: whether it streams or holds its body (lower/body-stream.ts). */
  readonly bodyPhases?: readonly string[];
}

/** The names a build writes, in order. */
export const OUTPUT_FILES = ["filter.wasm", "filter.map.json", "envoyfilter.yaml", "wasmplugin.yaml", "envoy.yaml"];

/**
 * `filterc build`: rule file to filter.wasm, its rule map and the deployment YAML, all or nothing. Nothing is
 * written unless every step succeeded.
 */
export async function buildProject(request: BuildRequest): Promise<BuildOutcome> {
  const composed = composeRuleFiles([request.ruleFile, ...(request.moreRuleFiles ?? [])].map((path) => ({ path })));
  const source = composed.source;
  // Even a build that fails finishes (or undoes) an interrupted one: the output folder is never left half-written.
  // A file in the output folder's place (or further up) is refused before the compiler runs.
  const repair = existingDirectory(request.outDir) ? repairOutput(request.outDir) : "none";
  const notUtf8 = composed.diagnostics.filter((d) => d.code === FileCode.notUtf8);
  if (notUtf8.length > 0) return { problems: [{ source, diagnostics: notUtf8 }], flagProblems: [], written: [], repair };
  const problems: FileDiagnostics[] = [];
  const projectPath = request.projectFile ?? defaultProjectPath(request.ruleFile);
  let project: SettingsOverrides = {};
  let pluginConfig: Record<string, unknown> = {};
  let projectSource: Source | undefined;
  let fromProject: ModuleSettings = {};
  let projectTargets: readonly DeploymentTarget[] | undefined;
  if (request.projectFile !== undefined || existsSync(projectPath)) {
    const read = readRuleFile(projectPath);
    if (read.diagnostics.length > 0) return { problems: [{ source: read.source, diagnostics: read.diagnostics }], flagProblems: [], written: [], repair };
    projectSource = read.source;
    const loaded = loadProjectFile(projectSource);
    if (loaded.diagnostics.length > 0) problems.push({ source: projectSource, diagnostics: loaded.diagnostics });
    project = loaded.settings;
    pluginConfig = loaded.pluginConfig ?? {};
    fromProject = moduleSettingsOf(loaded);
    projectTargets = loaded.targets;
  }
  const flagProblems = checkOverrides(request.flags)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.message}${p.hint === undefined ? "" : ` (${p.hint})`}`);
  // Flags win over the project file; metric names carry the filter's name, so it is settled before the rules compile.
  const named = resolveSettings(basename(request.ruleFile), project, request.flags).name;
  const module: ModuleSettings = {
    ...fromProject,
    optimize: request.optimize ?? fromProject.optimize,
    maxBody: request.maxBody ?? fromProject.maxBody,
    onBodyOverflow: request.onBodyOverflow ?? fromProject.onBodyOverflow,
    metricPrefix: fromProject.metricPrefix ?? defaultMetricPrefix(named),
  };
  const compiled = await compileRules(composed, { ...module, filterName: named, debug: request.debug, wat: request.emitWat });
  const ruleDiagnostics = compiled.diagnostics;
  if (ruleDiagnostics.length > 0) problems.push({ source, diagnostics: ruleDiagnostics });
  if (projectSource !== undefined) {
    const unknownKeys = unknownParamDiagnostics(projectSource, pluginConfig, configurableKeys(compiled), basename(request.ruleFile));
    if (unknownKeys.length > 0) problems.push({ source: projectSource, diagnostics: unknownKeys });
  }
  const settings = resolveSettings(basename(request.ruleFile), project, request.flags);
  // A filter that holds headers for body rules runs only where allow_on_headers_stop_iteration can be set.
  const hold = compiled.lowered?.headerHold;
  const askedBy = request.targets !== undefined ? "flag" : "project";
  const choice = chooseTargets(request.targets ?? projectTargets, settings.envoyFilterFormat, hold, askedBy, request.defaultTargets);
  if (choice.diagnostics.length > 0) problems.push({ source, diagnostics: choice.diagnostics });
  const fit = fitVersions(settings, versionsOf(settings), choice.targets, (request.targets ?? projectTargets ?? []).length > 0, hold !== undefined, { istio: { start: 0, end: 0 }, envoy: { start: 0, end: 0 } });
  problems.push(...versionProblemGroups(fit.problems, request.flags, projectSource));
  const failed = flagProblems.length > 0 || problems.some((p) => hasErrors(p.diagnostics));
  if (failed || compiled.wasm === undefined || compiled.sha256 === undefined || compiled.lowered === undefined) return { problems, flagProblems, written: [], repair };

  const { wasm, sha256 } = compiled;
  const packaged = request.packaging?.({ wasm, sha256 }, settings) ?? {};
  const targets = policyTargets(fit.targets, { settings, image: packaged.image }, (request.targets ?? projectTargets) !== undefined);
  // Rules that answer requests themselves (deny, respond, redirect, limit): a filter that fails open skips them.
  const answering = new Set(composed.program.statements.filter((st): st is Rule => st.kind === "Rule" && ruleActions(st).some(isLocalResponse)).map((rule) => rule.span.start));
  const ruleMap = {
    version: 1,
    source: basename(request.ruleFile),
    sha256,
    rules: compiled.lowered.rules.map((r) => ({ ...withoutOffset(r), ...placeInFile(source, r.offset), ...(answering.has(r.offset) ? { answers: true } : {}) })),
    // What `filterc doctor` checks a deployment against (compiler/doctor/): the params a plugin configuration may
    // set and their types, the other keys the filter reads, and the side whose headers body rules hold.
    params: compiled.params.map((p) => ({ name: p.name, type: p.type })),
    settings: configurableKeys(compiled).filter((key) => !compiled.params.some((p) => p.name === key)),
    ...(hold === undefined ? {} : { holds: hold.side }),
    // The Envoy clusters the rules call (a global limit's `via`): doctor checks the deployment defines them.
    ...(compiled.lowered.callouts.clusters.length === 0 ? {} : { clusters: compiled.lowered.callouts.clusters }),
  };
  const files: OutputFile[] = [
    { name: "filter.wasm", content: wasm },
    { name: "filter.map.json", content: JSON.stringify(ruleMap, null, 2) + "\n" },
    // The project file's pluginConfig (its keys checked above, its values by `filterc lint`) overrides the defaults.
    ...emitDeployment(
      {
        settings,
        module: { wasm, sha256 },
        pluginConfig: { ...compiled.lowered.defaultConfig, ...pluginConfig },
        metrics: compiled.lowered.metrics,
        ...(hold === undefined ? {} : { holdsHeaders: true }),
        ...(packaged.image === undefined ? {} : { image: packaged.image }),
        clusters: compiled.lowered.callouts.clusters,
      },
      targets.targets,
    ),
    ...(packaged.files ?? []),
    // Only with a global limit: the rate limit service's side of the same rules.
    ...[emitRateLimitConfig(compiled.lowered.callouts)].filter((file) => file !== undefined),
  ];
  if (request.emitAssemblyScript && compiled.assemblyScript !== undefined) files.push({ name: "filter.ts", content: compiled.assemblyScript });
  if (request.emitWat && compiled.wat !== undefined) files.push({ name: "filter.wat", content: compiled.wat });
  if (packaged.beforeWrite !== undefined) {
    // An output folder that cannot be made fails before the image is written elsewhere.
    makeDirectory(request.outDir);
    packaged.beforeWrite();
  }
  const written = writeFilesAtomically(request.outDir, files);
  const bodyPhases = compiled.lowered.bodyPhases.map((mode) =>
    bodyPhaseNote(mode, (offset) => {
      const at = placeInFile(source, offset);
      return `${at.file ?? basename(request.ruleFile)}:${at.line}`;
    }),
  );
  return { problems, flagProblems, written: written.written, repair: repair === "none" ? written.repair : repair, wasmSize: wasm.length, sha256, settings, notes: [...choice.notes, ...fit.notes, ...targets.notes, ...(packaged.notes ?? [])], bodyPhases };
}

/**
 * Drops the EnvoyExtensionPolicy when it could not attach or load: with a note when it came by default, with
 * E0633/E0634 when `--target` or filterc.yaml asked for it.
 */
function policyTargets(targets: readonly DeploymentTarget[], input: Pick<EmitInput, "settings" | "image">, asked: boolean): { targets: DeploymentTarget[]; notes: string[] } {
  const why = targets.includes("envoyextensionpolicy") ? policyUnavailable(input) : undefined;
  if (why === undefined) return { targets: [...targets], notes: [] };
  const [kind, reason] = why;
  if (asked) {
    throw kind === "target"
      ? new PackageError(PackageCode.policyTarget, `cannot write envoyextensionpolicy.yaml: ${reason}`, "add --policy-target-ref Gateway/NAME or HTTPRoute/NAME (or policyTargetRefs in filterc.yaml)")
      : new PackageError(PackageCode.policyCode, `cannot write envoyextensionpolicy.yaml: ${reason}`, "use filterc package --oci DIR --image REGISTRY/NAME:TAG, or --url https://HOST/filter.wasm");
  }
  return { targets: targets.filter((t) => t !== "envoyextensionpolicy"), notes: [`envoyextensionpolicy.yaml not written: ${reason}`] };
}

/**
 * Version problems point at where the version was given: the flag (shown as a one-line "command line" source) or
 * filterc.yaml's key.
 */
function versionProblemGroups(problems: readonly { about: VersionSetting; diagnostic: Diagnostic }[], flags: SettingsOverrides, projectSource: Source | undefined): FileDiagnostics[] {
  if (problems.length === 0) return [];
  const flagNames: Record<VersionSetting, string> = { istio: "--istio-version", envoy: "--envoy-version" };
  const keys: Record<VersionSetting, "istioVersion" | "envoyVersion"> = { istio: "istioVersion", envoy: "envoyVersion" };
  const given = (["istio", "envoy"] as const).filter((about) => flags[keys[about]] !== undefined);
  const commandLine = new Source("command line", given.map((about) => `${flagNames[about]} ${flags[keys[about]]}`).join(" "));
  const flagSpan = (about: VersionSetting): Span => {
    const text = `${flagNames[about]} ${flags[keys[about]]}`;
    const start = commandLine.text.indexOf(text) + flagNames[about].length + 1;
    return { start, end: start + String(flags[keys[about]]).length };
  };
  const document = projectSource === undefined ? undefined : yamlLibrary().parseDocument(projectSource.text, { merge: true });
  const fromFlags: Diagnostic[] = [];
  const fromProject: Diagnostic[] = [];
  for (const { about, diagnostic } of problems) {
    if (flags[keys[about]] !== undefined || document === undefined) fromFlags.push({ ...diagnostic, span: flagSpan(about) });
    else fromProject.push({ ...diagnostic, span: locate(document, projectSource!.text, [keys[about]], "value") });
  }
  return [
    ...(fromFlags.length > 0 ? [{ source: commandLine, diagnostics: fromFlags }] : []),
    ...(fromProject.length > 0 ? [{ source: projectSource!, diagnostics: fromProject }] : []),
  ];
}

/** The keys a plugin configuration may set besides `disabled_rules`: the params, and the settings the filter reads. */
function configurableKeys(compiled: CompileResult): string[] {
  const params = compiled.params.map((p) => p.name);
  const settings = compiled.lowered === undefined ? [] : Object.keys(compiled.lowered.defaultConfig).filter((key) => key === TRUSTED_HOPS_KEY);
  return [...params, ...settings, ...(compiled.lowered?.ruleModeKeys ?? [])];
}

/** E0512 for each pluginConfig key that no param of the rule file declares, with the closest param as a hint. */
function unknownParamDiagnostics(projectSource: Source, pluginConfig: Record<string, unknown>, params: readonly string[], ruleFile: string): Diagnostic[] {
  const unknown = unknownConfigKeys(pluginConfig, params);
  if (unknown.length === 0) return [];
  const document = yamlLibrary().parseDocument(projectSource.text, { merge: true });
  return unknown.map((key) => unknownConfigKeyError(ProjectCode.unknownParam, locate(document, projectSource.text, ["pluginConfig", key.name], "key"), "pluginConfig", key, ruleFile));
}

/** A rule's line and column, and its file when the filter has several (`source` of the map names the first). */
function placeInFile(source: Source, offset: number): { file?: string; line: number; column: number } {
  const at = source.locate(offset);
  const position = at.file.position(at.offset);
  return source.files.length > 1 ? { file: at.file.name, ...position } : position;
}

function withoutOffset<T extends { offset: number }>(entry: T): Omit<T, "offset"> {
  const { offset: _offset, ...rest } = entry;
  return rest;
}
