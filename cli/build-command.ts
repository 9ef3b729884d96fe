import type { Command } from "commander";
import { buildProject, type BuildOutcome, type BuildRequest } from "../compiler/build-project.js";
import { hasErrors } from "../grammar/diagnostic.js";
import { DEPLOYMENT_TARGETS, type DeploymentTarget, type SettingsOverrides, type TargetRef } from "../compiler/emit/index.js";
import { renderDiagnostics } from "../compiler/render.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { didYouMean } from "../grammar/suggest.js";
import { MAX_BODY_LIMIT } from "../compiler/lower/body-phase.js";
import { preferQuickWasmStart } from "./wasm-start.js";

export interface BuildFlags {
  output: string;
  optimize?: string;
  maxBody?: string;
  onBodyOverflow?: string;
  name?: string;
  namespace?: string;
  selector?: string[];
  targetRef?: string[];
  policyTargetRef?: string[];
  target?: string[];
  context?: string;
  port?: string;
  phase?: string;
  priority?: string;
  wasmPath?: string;
  url?: string;
  failurePolicy?: string;
  rootId?: string;
  envoyfilterFormat?: string;
  istioVersion?: string;
  envoyVersion?: string;
  listenPort?: string;
  upstream?: string;
  project?: string;
  emitAs?: boolean;
  emitWat?: boolean;
  debugWasm?: boolean;
  color?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerBuild(program: Command): void {
  withBuildOptions(program.command("build").description("compile a rule file to filter.wasm and the YAML that deploys it")).action(async (rules: string[], flags: BuildFlags) => {
    preferQuickWasmStart();
    process.exitCode = await runBuild(rules, flags);
  });
}

/** The rule-file argument and every option of `filterc build`, which `filterc package` takes too. */
export function withBuildOptions(command: Command): Command {
  return command
    .argument("<rules...>", "the rule files (.fw or .rules), composed in order; the first names the filter")
    .option("-o, --output <dir>", "output directory", "out")
    .option("--optimize <goal>", "binaryen goal: size (default) or speed")
    .option("--max-body <bytes>", "the most bytes of a body that body rules hold (default 983040, 960 KiB)")
    .option("--on-body-overflow <choice>", "a request body past --max-body: deny (413, default) or pass")
    .option("--name <name>", "resource and plugin name (default: the rule file's name)")
    .option("--namespace <ns>", "Kubernetes namespace (default: default)")
    .option("--selector <key=value>", "workload label to select (repeatable)", collect)
    .option("--target-ref <kind/name>", "WasmPlugin/TrafficExtension targetRef, e.g. Gateway/my-gateway (repeatable)", collect)
    .option("--policy-target-ref <kind/name>", "EnvoyExtensionPolicy target: Gateway/NAME or HTTPRoute/NAME (repeatable)", collect)
    .option("--target <target>", `deployment file to write: ${DEPLOYMENT_TARGETS.join(", ")} (repeatable; default: every one that can run the filter)`, collect)
    .option("--context <context>", "SIDECAR_INBOUND (default), SIDECAR_OUTBOUND or GATEWAY")
    .option("--port <port>", "only traffic on this port")
    .option("--phase <phase>", "WasmPlugin phase: AUTHN, AUTHZ or STATS")
    .option("--priority <n>", "WasmPlugin priority within its phase")
    .option("--wasm-path <path>", "where filter.wasm lives in the proxy container (default /var/local/filter.wasm)")
    .option("--url <url>", "WasmPlugin url (default file:// plus the wasm path)")
    .option("--failure-policy <policy>", "fail-closed (default), fail-open or reload")
    .option("--root-id <id>", "Envoy root_id / WasmPlugin pluginName (default: the name)")
    .option("--envoyfilter-format <format>", "typed (default) or legacy (untyped config: form for old meshes)")
    .option("--istio-version <x.y>", "the Istio release to deploy on: leave out fields it lacks, refuse what it cannot express")
    .option("--envoy-version <x.y>", "the Envoy release to deploy on (default: the one --istio-version ships)")
    .option("--listen-port <port>", "envoy.yaml listener port (default 10000)")
    .option("--upstream <host:port>", "envoy.yaml upstream (default 127.0.0.1:8080)")
    .option("--project <file>", "project file (default: filterc.yaml beside the rules)")
    .option("--emit-as", "also write the generated AssemblyScript (filter.ts)")
    .option("--emit-wat", "also write the wasm text format (filter.wat)")
    .option("--debug-wasm", "keep function names in filter.wasm (larger)")
    .option("--no-color", "never color diagnostics");
}

async function runBuild(rules: readonly string[], flags: BuildFlags): Promise<number> {
  const outcome = await buildProject(buildRequest(rules, flags));
  return reportBuild(rules, flags, outcome);
}

/** The build the flags ask for. */
export function buildRequest(rules: readonly string[], flags: BuildFlags): BuildRequest {
  const optimize = flags.optimize;
  if (optimize !== undefined && optimize !== "size" && optimize !== "speed") {
    throw new UsageError(`--optimize takes size or speed, not ${optimize}`);
  }
  const maxBody = flags.maxBody === undefined ? undefined : Number(flags.maxBody);
  if (maxBody !== undefined && (!/^[0-9]+$/.test(flags.maxBody!) || maxBody < 1 || maxBody > MAX_BODY_LIMIT)) {
    throw new UsageError(`--max-body takes a whole number of bytes from 1 to ${MAX_BODY_LIMIT}, not ${flags.maxBody}`);
  }
  const onBodyOverflow = flags.onBodyOverflow;
  if (onBodyOverflow !== undefined && onBodyOverflow !== "deny" && onBodyOverflow !== "pass") {
    throw new UsageError(`--on-body-overflow takes deny or pass, not ${onBodyOverflow}`);
  }
  const request: BuildRequest = {
    maxBody,
    onBodyOverflow,
    ruleFile: rules[0]!,
    moreRuleFiles: rules.slice(1),
    outDir: flags.output,
    flags: settingsFromFlags(flags),
    optimize,
    debug: flags.debugWasm,
    emitAssemblyScript: flags.emitAs,
    emitWat: flags.emitWat,
    projectFile: flags.project,
    targets: targetsFromFlags(flags.target),
  };
  return request;
}

/** Prints what a build did (diagnostics on stderr, the files written on stdout) and returns the exit code. */
export function reportBuild(rules: readonly string[], flags: BuildFlags, outcome: BuildOutcome): number {
  const color = useColor(process.stderr, flags.color);
  if (outcome.repair !== "none") {
    const what = outcome.repair === "completed" ? "completed the output of an earlier build that was interrupted" : "removed the partial output of an earlier build that was interrupted";
    process.stderr.write(`note: ${what} in ${flags.output}\n`);
  }
  for (const group of outcome.problems) {
    process.stderr.write(renderDiagnostics(group.source, group.diagnostics, { color }) + "\n\n");
  }
  for (const problem of outcome.flagProblems) process.stderr.write(`error: ${problem}\n`);
  if (outcome.written.length === 0) {
    const errors = outcome.problems.reduce((n, g) => n + g.diagnostics.filter((d) => d.severity === "error").length, 0) + outcome.flagProblems.length;
    process.stderr.write(`build failed: ${errors} error${errors === 1 ? "" : "s"}; nothing was written\n`);
    return outcome.flagProblems.length > 0 && !outcome.problems.some((g) => hasErrors(g.diagnostics)) ? EXIT_USAGE : EXIT_PROBLEMS;
  }
  process.stdout.write(`built ${rules.join(" ")}: filter.wasm ${outcome.wasmSize} bytes, sha256 ${outcome.sha256}\n`);
  for (const file of outcome.written) process.stdout.write(`  wrote ${file}\n`);
  for (const note of outcome.notes ?? []) process.stderr.write(`note: ${note}\n`);
  for (const note of outcome.bodyPhases ?? []) process.stdout.write(`  ${note}\n`);
  return EXIT_OK;
}

function targetsFromFlags(values: readonly string[] | undefined): DeploymentTarget[] | undefined {
  if (values === undefined) return undefined;
  const targets = values.flatMap((value) => value.split(",")).map((t) => t.trim().toLowerCase());
  for (const target of targets) {
    if ((DEPLOYMENT_TARGETS as readonly string[]).includes(target)) continue;
    const hint = target === "" ? undefined : didYouMean(target, DEPLOYMENT_TARGETS);
    throw new UsageError(`--target takes ${DEPLOYMENT_TARGETS.join(", ")}, not ${target === "" ? "an empty name" : target}${hint === undefined ? "" : ` (${hint})`}`);
  }
  return targets as DeploymentTarget[];
}

function settingsFromFlags(flags: BuildFlags): SettingsOverrides {
  const integer = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a number, not ${value}`);
    return Number(value);
  };
  const overrides: SettingsOverrides = {
    name: flags.name,
    namespace: flags.namespace,
    context: flags.context as SettingsOverrides["context"],
    port: integer(flags.port, "--port"),
    phase: flags.phase as SettingsOverrides["phase"],
    priority: integer(flags.priority, "--priority"),
    wasmPath: flags.wasmPath,
    url: flags.url,
    failurePolicy: flags.failurePolicy as SettingsOverrides["failurePolicy"],
    rootId: flags.rootId,
    envoyFilterFormat: flags.envoyfilterFormat as SettingsOverrides["envoyFilterFormat"],
    istioVersion: flags.istioVersion,
    envoyVersion: flags.envoyVersion,
  };
  if (flags.selector !== undefined) {
    overrides.selector = Object.fromEntries(
      flags.selector.map((pair) => {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new UsageError(`--selector takes key=value, not ${pair}`);
        return [pair.slice(0, eq), pair.slice(eq + 1)];
      }),
    );
  }
  if (flags.targetRef !== undefined) overrides.targetRefs = flags.targetRef.map((ref) => parseTargetRef(ref, "--target-ref", GROUPS));
  if (flags.policyTargetRef !== undefined) overrides.policyTargetRefs = flags.policyTargetRef.map((ref) => parseTargetRef(ref, "--policy-target-ref", POLICY_GROUPS));
  const envoy: Record<string, unknown> = {};
  if (flags.listenPort !== undefined) envoy.listenPort = integer(flags.listenPort, "--listen-port");
  if (flags.upstream !== undefined) {
    const match = /^(.+):(\d+)$/.exec(flags.upstream);
    if (match === null) throw new UsageError(`--upstream takes host:port, not ${flags.upstream}`);
    envoy.upstreamHost = match[1];
    envoy.upstreamPort = Number(match[2]);
  }
  if (Object.keys(envoy).length > 0) overrides.envoy = envoy;
  return overrides;
}

const GROUPS: Record<string, string> = {
  Gateway: "gateway.networking.k8s.io",
  GatewayClass: "gateway.networking.k8s.io",
  Service: "",
  ServiceEntry: "networking.istio.io",
};

/** What Envoy Gateway's EnvoyExtensionPolicy attaches to (its CRD allows more route kinds; these carry HTTP). */
const POLICY_GROUPS: Record<string, string> = {
  Gateway: "gateway.networking.k8s.io",
  HTTPRoute: "gateway.networking.k8s.io",
  GRPCRoute: "gateway.networking.k8s.io",
};

function parseTargetRef(text: string, flag: string, groups: Record<string, string>): TargetRef {
  const match = /^([A-Za-z]+)\/([^/]+)$/.exec(text);
  if (match === null) throw new UsageError(`${flag} takes Kind/name, e.g. Gateway/my-gateway, not ${text}`);
  const [, kind, name] = match as unknown as [string, string, string];
  const group = groups[kind];
  if (group === undefined) throw new UsageError(`${flag} kind must be one of ${Object.keys(groups).join(", ")}, not ${kind}`);
  return { group, kind, name };
}
