import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { HostLoadError, loadHost } from "../../host/index.js";
import type { FileDiagnostics } from "../build-project.js";
import { hasErrors } from "../../grammar/diagnostic.js";
import { closestName } from "../../grammar/suggest.js";
import { readRuleFile } from "../rule-file.js";
import { unknownConfigKeyError, unknownConfigKeys } from "../project/unknown-config-keys.js";
import { Source } from "../../grammar/source.js";
import { buildFilterForTest, moduleFilter } from "./build-filter.js";
import { TestCode } from "./codes.js";
import { TestInputError } from "./input-error.js";
import type { TestFile } from "./case-file.js";
import type { FilterUnderTest } from "./filter-under-test.js";
import { loadCaseFile } from "./load-case-file.js";
import type { TestGroup } from "./run-tests.js";

/** What `filterc test` was asked to run. */
export interface TestInputs {
  /** Rule files and case files; a rule file followed by case files is tested with those case files. */
  readonly paths: readonly string[];
  /** Run this proxy-wasm module instead of building rules; then every path is a case file. */
  readonly wasm?: string;
  readonly rootId?: string;
  /** Instrument rule builds to report which rules fired (default true). */
  readonly coverage?: boolean;
}

export interface PreparedTests {
  /** Ready to run; empty for inputs with errors. */
  readonly groups: readonly TestGroup[];
  /** Diagnostics in case files and rule files, warnings included. */
  readonly problems: readonly FileDiagnostics[];
  /** Modules that cannot be loaded at all, one line each. */
  readonly moduleErrors: readonly string[];
}

const CASE_FILE_EXTENSIONS = [".yaml", ".yml", ".json"];

export function isCaseFile(path: string): boolean {
  return CASE_FILE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** `examples/hello.fw` -> `examples/hello.test.yaml` (or `.test.yml`). */
export function defaultCaseFile(ruleFile: string): string {
  const stem = join(dirname(ruleFile), basename(ruleFile, extname(ruleFile)));
  const yml = `${stem}.test.yml`;
  return !existsSync(`${stem}.test.yaml`) && existsSync(yml) ? yml : `${stem}.test.yaml`;
}

/**
 * Resolves the inputs into groups (a filter and its case files), loads and validates the case files, and builds
 * each rule file once, instrumented for coverage. Nothing runs yet: with any error in any input, no group is
 * returned, so a run never reports on half of what was asked.
 */
export async function prepareTests(inputs: TestInputs): Promise<PreparedTests> {
  for (const path of [...inputs.paths, ...(inputs.wasm === undefined ? [] : [inputs.wasm])]) requireFile(path);
  return inputs.wasm !== undefined ? prepareModule(inputs.wasm, inputs) : prepareRules(inputs);
}

async function prepareModule(wasmPath: string, inputs: TestInputs): Promise<PreparedTests> {
  const ruleFiles = inputs.paths.filter((p) => !isCaseFile(p));
  if (ruleFiles.length > 0) throw new TestInputError(`with --wasm, give case files only (not ${ruleFiles.join(", ")})`);
  if (inputs.paths.length === 0) throw new TestInputError("--wasm needs a case file: filterc test --wasm filter.wasm cases.test.yaml");
  const problems: FileDiagnostics[] = [];
  const files = inputs.paths.map((p) => loadCase(p, wasmPath, problems)).filter((f) => f !== undefined);
  const wasm = new Uint8Array(readFileSync(wasmPath));
  const moduleError = await unloadableReason(wasm, inputs.rootId);
  const moduleErrors = moduleError === undefined ? [] : [`${wasmPath}: ${moduleError}`];
  const ok = moduleErrors.length === 0 && !problems.some((p) => hasErrors(p.diagnostics));
  return { groups: ok ? [{ filter: moduleFilter(wasmPath, wasm, inputs.rootId), files }] : [], problems, moduleErrors };
}

async function prepareRules(inputs: TestInputs): Promise<PreparedTests> {
  if (inputs.paths.length === 0) throw new TestInputError("name a rule file to test: filterc test rules.fw [cases.test.yaml]");
  const problems: FileDiagnostics[] = [];
  // Rule file (resolved) -> its display path and case files, in the order they were named.
  const groups = new Map<string, { ruleFile: string; files: TestFile[] }>();
  const groupOf = (ruleFile: string) => {
    const key = resolve(ruleFile);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ruleFile, files: [] }));
    return group;
  };
  let current: string | undefined;
  let currentHasCases = true;
  const closeRuleFile = () => {
    if (current !== undefined && !currentHasCases) {
      const defaultFile = defaultCaseFile(current);
      if (!existsSync(defaultFile)) throw new TestInputError(`no test cases for ${current}: ${defaultFile} does not exist (or name a case file: filterc test ${current} cases.test.yaml)`);
      const file = loadCase(defaultFile, current, problems);
      if (file !== undefined) groupOf(current).files.push(file);
    }
  };
  for (const path of inputs.paths) {
    if (!isCaseFile(path)) {
      closeRuleFile();
      current = path;
      currentHasCases = false;
      groupOf(path);
      continue;
    }
    const file = loadCase(path, current, problems);
    currentHasCases = true;
    if (file === undefined) continue;
    if (current !== undefined) groupOf(current).files.push(file);
    else if (file.rules !== undefined) groupOf(relative(process.cwd(), file.rules) || file.rules).files.push(file);
    else throw new TestInputError(`${path} does not say which rules it tests: add \`rules: FILE.fw\` to it, or run filterc test FILE.fw ${path}`);
  }
  closeRuleFile();

  const prepared: TestGroup[] = [];
  for (const { ruleFile, files } of groups.values()) {
    requireFile(ruleFile);
    const built = await buildFilterForTest(ruleFile, { coverage: inputs.coverage ?? true });
    const errors = built.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) problems.push({ source: built.source, diagnostics: errors });
    else {
      for (const file of files) problems.push(...unknownParamProblems(file, caseSources.get(file)!, built.paramNames, ruleFile));
      for (const file of files) problems.push(...uncalledClusterProblems(file, caseSources.get(file)!, built.filter?.calledClusters ?? [], ruleFile));
    }
    if (built.filter !== undefined) prepared.push({ filter: built.filter, files });
  }
  const ok = !problems.some((p) => hasErrors(p.diagnostics));
  return { groups: ok ? prepared : [], problems, moduleErrors: [] };
}

/** The source each loaded case file came from, for diagnostics found once its rules are built. */
const caseSources = new WeakMap<TestFile, Source>();

function loadCase(path: string, rulesGiven: string | undefined, problems: FileDiagnostics[]): TestFile | undefined {
  // Strict UTF-8, as for rule files: a case file in Latin-1 is refused, not run with U+FFFD in its names and values.
  const read = readRuleFile(path);
  if (read.diagnostics.length > 0) {
    problems.push({ source: read.source, diagnostics: read.diagnostics });
    return undefined;
  }
  const source = read.source;
  const loaded = loadCaseFile(source, { rulesGiven });
  if (loaded.diagnostics.length > 0) problems.push({ source, diagnostics: loaded.diagnostics });
  if (loaded.file !== undefined) caseSources.set(loaded.file, source);
  return loaded.file;
}

/** E0617 for each `config` key that no param of the rules declares: the filter would ignore it. */
function unknownParamProblems(file: TestFile, source: Source, paramNames: readonly string[], ruleFile: string): FileDiagnostics[] {
  const diagnostics = file.configKeys.flatMap(({ name, span }) =>
    unknownConfigKeys({ [name]: true }, paramNames).map((key) => unknownConfigKeyError(TestCode.unknownParam, span, "config", key, ruleFile)),
  );
  return diagnostics.length === 0 ? [] : [{ source, diagnostics }];
}

/**
 * E0427, a warning, for each `authz.cluster` the rules never call: its answer reaches no call, and the rules' own
 * clusters stay unknown to the test proxy (their calls fail at once), which a case may mean but rarely does.
 */
function uncalledClusterProblems(file: TestFile, source: Source, called: readonly string[], ruleFile: string): FileDiagnostics[] {
  const calls = called.length === 0 ? "they call no cluster" : `they call ${called.map((c) => `\`${c}\``).join(", ")}`;
  const diagnostics = file.authzClusters
    .filter(({ name }) => !called.includes(name))
    .map(({ name, span }) => {
      const closest = closestName(name, called);
      const hint = closest !== undefined ? `did you mean \`${closest}\`?` : "leave `cluster` out to answer on every cluster the rules call";
      const message = `\`authz.cluster\` is \`${name}\`, but the rules of ${ruleFile} never call it: ${calls}`;
      return { code: TestCode.authzUncalledCluster, severity: "warning" as const, message, span, hint };
    });
  return diagnostics.length === 0 ? [] : [{ source, diagnostics }];
}

function requireFile(path: string): void {
  if (!existsSync(path)) throw new TestInputError(`cannot read ${path}: no such file`);
  if (!statSync(path).isFile()) throw new TestInputError(`cannot read ${path}: not a file`);
}

/**
 * Why a module cannot run at all, whatever the configuration: not wasm, not proxy-wasm, imports Envoy lacks.
 * Failures that depend on the configuration (proxy_on_configure rejecting it) are reported per case instead.
 */
async function unloadableReason(wasm: Uint8Array, rootId: string | undefined): Promise<string | undefined> {
  try {
    await loadHost(wasm, { rootId });
    return undefined;
  } catch (error) {
    if (error instanceof HostLoadError && (error.failState === "UnableToInitializeCode" || error.failState === "MissingFunction")) return error.message;
    if (error instanceof HostLoadError) return undefined;
    throw error;
  }
}
