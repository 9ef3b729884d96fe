import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseDocument, type Document } from "yaml";
import { error, sortDiagnostics, type Diagnostic } from "../../grammar/diagnostic.js";
import type { ValuePath } from "../project/value-path.js";
import { locate } from "../project/yaml-locate.js";
import type { Source } from "../../grammar/source.js";
import { caseFileProblems, isMap } from "./case-checks.js";
import type { ConfigKey, TestCase, TestFile } from "./case-file.js";
import { grpcClustersOf } from "./case-grpc.js";
import { rateLimitAnswerOf } from "./case-ratelimit.js";
import { authzAnswerOf } from "./case-authz.js";
import { expectationsOf, LOG_LEVELS, pluginConfigText, streamSpecOf } from "./case-model.js";
import { caseSchema } from "./case-schema.js";
import { TestCode } from "./codes.js";
import { schemaProblems, type CaseProblem } from "./schema-problems.js";
import { yamlDiagnostic, yamlSyntaxDiagnostics } from "./yaml-syntax.js";

export interface LoadOptions {
  /** The rule file (or module) the command line names; then a `rules:` key naming another file is ignored. */
  readonly rulesGiven?: string;
}

export interface LoadedCaseFile {
  /** Absent when the file has errors. */
  readonly file?: TestFile;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads a case file (`*.test.yaml`). Never throws for a bad file: every problem is a diagnostic pointing at
 * the key or value at fault, with a hint. The cases are returned only when there is no error.
 */
export function loadCaseFile(source: Source, options: LoadOptions = {}): LoadedCaseFile {
  const doc = parseDocument(source.text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return { diagnostics: yamlSyntaxDiagnostics(source, doc.errors) };
  const warnings = doc.warnings.map((w) => ({ ...yamlDiagnostic(source, w), severity: "warning" as const }));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Only an alias bomb gets here: the document parsed, but expanding it would be unbounded.
    const message = e instanceof Error ? e.message.charAt(0).toLowerCase() + e.message.slice(1) : "the document cannot be expanded";
    return { diagnostics: [error(TestCode.yamlSyntax, { start: 0, end: 0 }, message, "use fewer aliases (`*name`)")] };
  }
  if (!isMap(data)) {
    const found = data === null || data === undefined ? "an empty file" : Array.isArray(data) ? "a list" : "a single value";
    const hint = Array.isArray(data) ? "put the cases under a `cases:` key" : "start with `cases:` and list the cases under it";
    return { diagnostics: [error(TestCode.notAMap, locate(doc, source.text, [], "value"), `a case file must be a map with a \`cases\` list, found ${found}`, hint), ...warnings] };
  }

  const schema = caseSchema();
  schema.validate(data);
  const lineOf = (path: ValuePath) => source.position(locate(doc, source.text, path, "key").start).line;
  const problems: CaseProblem[] = [...schemaProblems(schema.validate.errors ?? [], data, schema), ...caseFileProblems(data, lineOf)];
  const diagnostics: Diagnostic[] = [...problems.map((p) => diagnosticOf(doc, source, p)), ...warnings];
  const rules = rulesOf(data, source, doc, options, diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics: sortDiagnostics(diagnostics) };

  const cases = (data.cases as Record<string, unknown>[]).map((entry, i) => caseOf(entry, i, data, doc, source));
  const logLevel = typeof data.logLevel === "string" ? LOG_LEVELS.indexOf(data.logLevel as (typeof LOG_LEVELS)[number]) : 0;
  return { file: { path: source.name, rules, logLevel, cases, configKeys: configKeysOf(data, doc, source), authzClusters: authzClustersOf(data, doc, source) }, diagnostics: sortDiagnostics(diagnostics) };
}

/** The keys of the file's `config` map and of each case's, where they are written. */
function configKeysOf(data: Record<string, unknown>, doc: Document, source: Source): ConfigKey[] {
  const keysAt = (config: unknown, path: ValuePath): ConfigKey[] =>
    isMap(config) ? Object.keys(config).map((name) => ({ name, span: locate(doc, source.text, [...path, name], "key") })) : [];
  const cases = data.cases as Record<string, unknown>[];
  return [...keysAt(data.config, ["config"]), ...cases.flatMap((entry, i) => keysAt(entry.config, ["cases", i, "config"]))];
}

/** The `cluster` of the file's `authz` answer and of each case's, where they are written. */
function authzClustersOf(data: Record<string, unknown>, doc: Document, source: Source): ConfigKey[] {
  const clusterAt = (answer: unknown, path: ValuePath): ConfigKey[] =>
    isMap(answer) && typeof answer.cluster === "string" ? [{ name: answer.cluster, span: locate(doc, source.text, [...path, "cluster"], "value") }] : [];
  const cases = data.cases as Record<string, unknown>[];
  return [...clusterAt(data.authz, ["authz"]), ...cases.flatMap((entry, i) => clusterAt(entry.authz, ["cases", i, "authz"]))];
}

function caseOf(entry: Record<string, unknown>, i: number, data: Record<string, unknown>, doc: Document, source: Source): TestCase {
  const span = locate(doc, source.text, ["cases", i], "value");
  const { line, column } = source.position(span.start);
  return {
    name: entry.name as string,
    line,
    column,
    span,
    stream: streamSpecOf(entry.request as Record<string, unknown> | undefined, entry.response as Record<string, unknown> | undefined, entry.refused),
    proxy: {
      grpcClusters: grpcClustersOf(data.grpc, entry.grpc),
      bufferLimitBytes: (entry.bufferLimit ?? data.bufferLimit) as number | undefined,
      allowOnHeadersStopIteration: (entry.allowOnHeadersStopIteration ?? data.allowOnHeadersStopIteration) as boolean | undefined,
      randomSeed: (entry.seed ?? data.seed) as number | undefined,
    },
    pluginConfig: pluginConfigText(data.config, entry.config),
    expect: expectationsOf(entry.expect as Record<string, unknown> | undefined),
    ...optional("ratelimit", rateLimitAnswerOf(entry.ratelimit ?? data.ratelimit)),
    ...optional("authz", authzAnswerOf(entry.authz ?? data.authz)),
  };
}

/** The `rules:` key resolved against the case file; checked only when the command line does not name rules. */
function rulesOf(data: Record<string, unknown>, source: Source, doc: Document, options: LoadOptions, out: Diagnostic[]): string | undefined {
  if (typeof data.rules !== "string" || data.rules === "") return undefined;
  const resolved = resolve(dirname(source.name), data.rules);
  const span = locate(doc, source.text, ["rules"], "value");
  if (options.rulesGiven !== undefined) {
    if (resolve(options.rulesGiven) !== resolved) {
      out.push({
        code: TestCode.rulesOverridden,
        severity: "warning",
        message: `\`rules\` names ${data.rules}, but the command line names ${options.rulesGiven}; the cases run against ${options.rulesGiven}`,
        span,
        hint: "run `filterc test` with only the case file to use this key",
      });
    }
    return resolved;
  }
  if (!existsSync(resolved)) {
    out.push(error(TestCode.rulesNotFound, span, `the rule file ${resolved} does not exist`, "`rules` is relative to the directory of the case file"));
  }
  return resolved;
}

function diagnosticOf(doc: Document, source: Source, problem: CaseProblem): Diagnostic {
  const span = locate(doc, source.text, problem.path, problem.at);
  const base = { code: problem.code, severity: problem.severity, message: problem.message, span };
  return problem.hint === undefined ? base : { ...base, hint: problem.hint };
}

/** `{ key: value }` when the value is defined, else nothing: for optional fields under exactOptionalPropertyTypes. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
