import { readdirSync, statSync } from "node:fs";
import { settingKeys } from "../setting-keys.js";
import { dirname, join, resolve } from "node:path";
import { hasErrors } from "../../grammar/diagnostic.js";
import { locate } from "../project/yaml-locate.js";
import { withFileErrors } from "../file-errors.js";
import { composeRuleFiles, type Composition } from "../imports.js";
import { readRuleFile } from "../rule-file.js";
import type { Source } from "../../grammar/source.js";
import { engineMessages, lintSourceDetailed, runRule } from "./engine.js";
import { fixesOf, fixSource } from "./fix-source.js";
import { unknownRuleReport, type LevelOverrides } from "./levels.js";
import { displayPath, expandPaths, isRuleFile } from "./paths.js";
import { findProjectFile, loadProject, type LoadedProject } from "./project.js";
import { makeResult, type LintMessage, type LintResult } from "./result.js";
import type { Report, RuleFileFacts } from "./rule.js";
import { RULES } from "./rules/index.js";

export interface LintFilesOptions {
  /** Where relative paths and globs start, and what displayed paths are relative to. Default: process.cwd(). */
  readonly cwd?: string;
  /** Rule levels over every project file's `lint:` map (the CLI's `--rule`). */
  readonly levels?: LevelOverrides;
  /** Use this project file for every rule file instead of looking for filterc.yaml. */
  readonly projectFile?: string;
  /**
   * Apply the rules' safe fixes in memory (compiler/lint/fix-source.ts) and report what remains; the caller
   * writes `fixes` (or shows them, for a dry run). Files of a filter of several files (imports) are not fixed.
   */
  readonly fix?: boolean;
}

/** A rule file whose fixes changed its text, or whose fixed text did not check (then `output` is the original). */
export interface FileFix {
  /** Absolute. */
  readonly path: string;
  /** As results name it. */
  readonly filePath: string;
  readonly original: string;
  readonly output: string;
  readonly fixed: number;
  readonly passes: number;
  readonly rejected: readonly LintMessage[];
  /** The problems of the text as it was, for a caller that could not write the fixed text. */
  readonly before: LintResult;
}

export interface LintFilesResult {
  /** One per rule file, then one per project file that has problems; sorted by path. */
  readonly results: readonly LintResult[];
  readonly fileCount: number;
  /** With `fix`: the files that changed, or whose fixes were rejected. */
  readonly fixes: readonly FileFix[];
  /** With `fix`: files of a filter of several files (imports) whose problems have fixes that were not applied. */
  readonly unfixedCompositions: readonly string[];
}

/** A mistake in what lint was asked to do (no files matched, a missing project file): a usage error. */
export class LintUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LintUsageError";
  }
}

/**
 * Lints rule files named by paths, directories and globs, each with the settings of its project file, and
 * checks the project files themselves: their own diagnostics, unknown rule ids in `lint:`, and `pluginConfig`
 * against the rule files beside them.
 */
export function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): LintFilesResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { files, unmatched } = expandPaths(patterns, cwd);
  if (unmatched.length > 0) {
    const list = unmatched.map((p) => `\`${p}\``).join(", ");
    throw new LintUsageError(`no rule files (.fw, .rules) match ${list}`);
  }
  const explicitProject = options.projectFile === undefined ? undefined : resolve(cwd, options.projectFile);
  const projectStat = explicitProject === undefined ? undefined : withFileErrors("read project file", options.projectFile!, () => statSync(explicitProject, { throwIfNoEntry: false }));
  if (explicitProject !== undefined && !projectStat?.isFile()) {
    throw new LintUsageError(`cannot read project file ${options.projectFile}: ${projectStat === undefined ? "no such file" : "it is a directory"}`);
  }

  const projects = new Map<string, LoadedProject>();
  const projectOf = (file: string): LoadedProject | undefined => {
    const path = explicitProject ?? findProjectFile(dirname(file));
    if (path === undefined) return undefined;
    let project = projects.get(path);
    if (project === undefined) {
      project = loadProject(path, displayPath(path, cwd));
      projects.set(path, project);
    }
    return project;
  };

  const results: LintResult[] = [];
  const facts = new Map<string, RuleFileFacts>();
  // Each file with the files it imports (compiler/imports.ts); a file that another named file imports is linted as
  // a part of it, where its names resolve, and its messages are reported under its own path once.
  const composed = new Map(files.map((file) => [file, composeRuleFiles([{ path: file, displayName: displayPath(file, cwd) }])]));
  const partOfAnother = (file: string) => {
    const own = composed.get(file)!.source.files.map((f) => f.name);
    const imports = (other: Composition) => other.source.files.slice(1).some((f) => f.name === own[0]);
    // In a cycle each file imports the other: both are linted (their shared messages are reported once).
    return [...composed.values()].some((other) => imports(other) && !own.includes(other.source.name));
  };
  const perFile = new PerFileResults();
  const fixes: FileFix[] = [];
  const unfixedCompositions: string[] = [];
  for (const file of files) {
    const composition = composed.get(file)!;
    const source = composition.source;
    if (partOfAnother(file)) continue;
    const project = projectOf(file);
    const deployment = { context: project?.file.settings.context };
    const settings = { levels: levelsFor(project, options.levels), deployment };
    let linted = lintSourceDetailed(composition, settings);
    // A file that is not UTF-8 or does not parse gets no fixes: its text is not what the user wrote, or no rule ran.
    if (options.fix && source.files.length === 1 && !hasErrors(composition.diagnostics)) {
      const before = linted.result;
      const outcome = fixSource(source, (text) => (linted = lintSourceDetailed(text, settings)).result, before);
      if (outcome.fixed > 0 || outcome.rejected.length > 0) {
        fixes.push({ path: file, filePath: source.name, original: source.text, output: outcome.output, fixed: outcome.fixed, passes: outcome.passes, rejected: outcome.rejected, before });
      }
      linted = { ...linted, result: outcome.result };
    } else if (options.fix && fixesOf(linted.result).length > 0) {
      unfixedCompositions.push(source.name);
    }
    perFile.add(linted.result);
    facts.set(file, {
      path: source.name,
      ruleNames: linted.checked.rules.flatMap((r) => (r.name === undefined ? [] : [r.name])),
      params: linted.checked.params,
      settings: settingKeys(linted.checked),
    });
  }
  results.push(...perFile.results());
  for (const project of projects.values()) {
    const ruleFiles = explicitProject !== undefined ? files.map((f) => facts.get(f)!) : siblingRuleFiles(project, facts, cwd);
    const result = lintProject(project, ruleFiles, levelsFor(project, options.levels));
    if (result.messages.length > 0) results.push(result);
  }
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  const outputs = new Map(fixes.filter((f) => f.rejected.length === 0).map((f) => [f.filePath, f.output]));
  const withOutput = results.map((r) => (outputs.has(r.filePath) ? { ...r, output: outputs.get(r.filePath)! } : r));
  return { results: withOutput, fileCount: files.length, fixes, unfixedCompositions };
}

/**
 * Lint results of composed files, one per file the messages point into: a file imported by two linted files
 * gets each of its messages once. Messages keep the offsets of the composition they were found in, so a file's
 * messages from a second composition form a result of their own (with that composition as its source).
 */
class PerFileResults {
  private readonly byFile = new Map<string, { source: Source; messages: LintMessage[] }[]>();
  private readonly seen = new Set<string>();

  add(result: LintResult): void {
    const source = result.source;
    for (const file of source.files) this.group(file.name, source);
    for (const message of result.messages) {
      const at = source.locate(message.span.start);
      const key = `${at.file.name}:${message.code}:${at.offset}:${message.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.group(at.file.name, source).messages.push(message);
    }
  }

  results(): LintResult[] {
    return [...this.byFile].flatMap(([path, groups]) =>
      groups.filter((g, i) => i === 0 || g.messages.length > 0).map(({ source, messages }) => ({ ...makeResult(source, messages), filePath: path })),
    );
  }

  private group(path: string, source: Source): { source: Source; messages: LintMessage[] } {
    const groups = this.byFile.get(path) ?? [];
    this.byFile.set(path, groups);
    let group = groups.find((g) => g.source === source);
    if (group === undefined) groups.push((group = { source, messages: [] }));
    return group;
  }
}

/** filterc.yaml's `lint:` map, then the caller's levels. */
function levelsFor(project: LoadedProject | undefined, overrides: LevelOverrides | undefined): LevelOverrides {
  return { ...project?.file.lint, ...overrides };
}

/** The rule files in the project file's directory: the ones `filterc build` pairs it with. */
function siblingRuleFiles(project: LoadedProject, facts: Map<string, RuleFileFacts>, cwd: string): RuleFileFacts[] {
  const dir = dirname(project.path);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && isRuleFile(e.name))
    .map((e) => join(dir, e.name))
    .sort();
  return names.map((file) => {
    let known = facts.get(file);
    if (known === undefined) {
      const { source } = readRuleFile(file, displayPath(file, cwd));
      // Only names and params are needed: every rule off. A file that is not UTF-8 is reported if it is linted.
      const { checked } = lintSourceDetailed(source, { levels: Object.fromEntries([...RULES.keys()].map((id) => [id, "off"])) });
      known = { path: source.name, ruleNames: checked.rules.flatMap((r) => (r.name === undefined ? [] : [r.name])), params: checked.params, settings: settingKeys(checked) };
      facts.set(file, known);
    }
    return known;
  });
}

/** The project file's own diagnostics, unknown rule ids in `lint:`, and the project rules. */
function lintProject(project: LoadedProject, ruleFiles: readonly RuleFileFacts[], levels: LevelOverrides): LintResult {
  const { source, document, file } = project;
  const messages: LintMessage[] = [...file.diagnostics];
  if (hasErrors(file.diagnostics) && document.errors.length > 0) return makeResult(source, messages);
  const unknown: Report[] = [];
  for (const id of Object.keys(file.lint ?? {})) {
    const report = unknownRuleReport(id, locate(document, source.text, ["lint", id], "key"));
    if (report !== undefined) unknown.push(report);
  }
  messages.push(...engineMessages("unknown-rule", unknown, levels));
  for (const rule of RULES.values()) {
    if (rule.checkProject === undefined) continue;
    runRule(rule, source, levels, messages, (report) => rule.checkProject!({ source, document, pluginConfig: file.pluginConfig, ruleFiles, report }));
  }
  return makeResult(source, messages);
}
