import type { Command } from "commander";
import { ALL_CODES } from "../compiler/explain.js";
import { writeReportFile } from "../compiler/file-errors.js";
import {
  errorsOnly,
  FORMATTERS,
  isFormatName,
  lintFiles,
  LintUsageError,
  RULE_LEVELS,
  RULES,
  rulesMeta,
  totals,
  type LevelOverrides,
  type LintFilesResult,
  type RuleLevel,
} from "../compiler/lint/index.js";
import { didYouMean } from "../grammar/suggest.js";
import { reportFixes } from "./lint-fix.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { packageVersion } from "./package-version.js";

interface LintFlags {
  format: string;
  maxWarnings?: string;
  rule?: string[];
  project?: string;
  outputFile?: string;
  quiet?: boolean;
  listRules?: boolean;
  color?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("report compile errors and likely mistakes in rule files, without building them")
    .argument("[paths...]", "rule files, directories (searched for .fw and .rules files) or quoted globs; default: .")
    .option("-f, --format <format>", "stylish, json, sarif or github", "stylish")
    .option("--max-warnings <n>", "also fail (exit 1) when there are more than n warnings")
    .option("--rule <id=level>", "set a rule to off, warn or error, over filterc.yaml (repeatable)", collect)
    .option("--project <file>", "use this project file for every rule file instead of the nearest filterc.yaml")
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .option("--quiet", "report errors only")
    .option("--fix", "apply the rules' safe fixes to the files, then report what remains")
    .option("--fix-dry-run", "show what --fix would change (a diff; `output` in --format json), writing nothing")
    .option("--list-rules", "list every rule with its default level, and exit")
    .option("--no-color", "never color the report")
    .action((paths: string[], flags: LintFlags) => {
      process.exitCode = runLint(paths, flags);
    });
}

function runLint(paths: readonly string[], flags: LintFlags): number {
  if (flags.listRules) {
    process.stdout.write(listRules());
    return EXIT_OK;
  }
  const format = flags.format;
  if (!isFormatName(format)) {
    const hint = didYouMean(format, Object.keys(FORMATTERS));
    throw new UsageError(`unknown format \`${format}\`; the formats are ${Object.keys(FORMATTERS).join(", ")}${hint === undefined ? "" : ` (${hint})`}`);
  }
  const maxWarnings = parseMaxWarnings(flags.maxWarnings);
  const levels = parseRuleFlags(flags.rule ?? []);
  if (flags.fix && flags.fixDryRun) throw new UsageError("--fix writes the fixes and --fix-dry-run only shows them: use one of the two");
  const fixing = flags.fix === true || flags.fixDryRun === true;

  let linted: LintFilesResult;
  try {
    linted = lintFiles(paths.length === 0 ? ["."] : paths, { levels, projectFile: flags.project, fix: fixing });
  } catch (error) {
    if (error instanceof LintUsageError) throw new UsageError(error.message);
    throw error;
  }
  const fixReport = fixing ? reportFixes(linted, { write: flags.fix === true }) : { diff: "", failed: false, results: linted.results };
  let results = fixReport.results;
  if (flags.quiet) results = results.map(errorsOnly);

  const toFile = flags.outputFile !== undefined;
  const report = FORMATTERS[format](results, {
    rulesMeta: rulesMeta(),
    codeTitles: Object.fromEntries(Object.entries(ALL_CODES).map(([code, doc]) => [code, doc.title])),
    color: format === "stylish" && !toFile && useColor(process.stdout, flags.color),
    cwd: process.cwd(),
    toolVersion: packageVersion(),
  });
  // The dry run's diff leads a stylish report: other formats carry the fixed text (json) or the fixes (sarif).
  const shown = format === "stylish" ? fixReport.diff + report : report;
  if (toFile) {
    writeReportFile(flags.outputFile!, shown);
  } else {
    process.stdout.write(shown);
  }

  if (fixReport.failed) return EXIT_USAGE;
  const { errors, warnings } = totals(results);
  if (errors > 0) return EXIT_PROBLEMS;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`filterc lint: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${maxWarnings}\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of warnings, not ${value}`);
  return Number(value);
}

/** `--rule no-unused-param=off`, also with `:` as the separator. */
function parseRuleFlags(entries: readonly string[]): LevelOverrides {
  const levels: Record<string, RuleLevel> = {};
  for (const entry of entries) {
    const match = /^([^=:]+)[=:](.*)$/.exec(entry);
    if (match === null) throw new UsageError(`--rule takes id=level, e.g. no-unused-param=off, not ${entry}`);
    const id = match[1]!.trim();
    const level = match[2]!.trim();
    if (!RULES.has(id)) {
      const hint = didYouMean(id, RULES.keys(), Math.max(2, Math.floor(id.length / 3)));
      throw new UsageError(`--rule: unknown lint rule \`${id}\`${hint === undefined ? "; `filterc lint --list-rules` lists them" : ` (${hint})`}`);
    }
    if (!(RULE_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${id}: the level is off, warn or error, not \`${level}\``);
    levels[id] = level as RuleLevel;
  }
  return levels;
}

function listRules(): string {
  const rules = [...RULES.values()].map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...rules.map((m) => m.id.length));
  return rules.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(5)}  ${m.fixable === undefined ? "       " : "fixable"}  ${m.description}\n`).join("");
}
