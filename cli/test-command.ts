import type { Command } from "commander";
import { writeReportFile } from "../compiler/file-errors.js";
import { renderDiagnostics } from "../compiler/render.js";
import { didYouMean } from "../grammar/suggest.js";
import {
  coverageShortfall,
  formatReport,
  formatText,
  isReportFormat,
  prepareTests,
  REPORT_FORMATS,
  runTests,
  TestInputError,
  totalCoverage,
  type PreparedTests,
} from "../compiler/testing/index.js";
import { EXIT_OK, EXIT_PROBLEMS, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { preferQuickWasmStart } from "./wasm-start.js";

interface TestFlags {
  wasm?: string;
  rootId?: string;
  format: string;
  outputFile?: string;
  failUnder?: string;
  coverage: boolean;
  color?: boolean;
}

export function registerTest(program: Command): void {
  program
    .command("test")
    .description("run the test cases of rule files (rules.test.yaml beside rules.fw) and report rule coverage")
    .argument("[files...]", "rule files, each followed by its case files if they are not RULES.test.yaml; or case files with `rules:`")
    .option("--wasm <file>", "run the cases against this proxy-wasm module instead of building rules")
    .option("--root-id <id>", "the root id the module is loaded with (for --wasm modules that need one)")
    .option("-f, --format <format>", "text, junit or json", "text")
    .option("-o, --output-file <file>", "write the report to a file (a junit or json report then also prints the text report)")
    .option("--fail-under <percent>", "also fail (exit 1) when fewer than this percentage of the rules fired")
    .option("--no-coverage", "run the release build, without rule coverage")
    .option("--no-color", "never color the report")
    .action(async (files: string[], flags: TestFlags) => {
      preferQuickWasmStart();
      process.exitCode = await runTestCommand(files, flags);
    });
}

async function runTestCommand(paths: string[], flags: TestFlags): Promise<number> {
  const format = flags.format;
  if (!isReportFormat(format)) {
    const hint = didYouMean(format, REPORT_FORMATS);
    throw new UsageError(`unknown format \`${format}\`; the formats are ${REPORT_FORMATS.join(", ")}${hint === undefined ? "" : ` (${hint})`}`);
  }
  const failUnder = parseFailUnder(flags);
  let prepared: PreparedTests;
  try {
    prepared = await prepareTests({ paths, wasm: flags.wasm, rootId: flags.rootId, coverage: flags.coverage });
  } catch (error) {
    if (error instanceof TestInputError) throw new UsageError(error.message);
    throw error;
  }
  const errorColor = useColor(process.stderr, flags.color);
  for (const group of prepared.problems) process.stderr.write(renderDiagnostics(group.source, group.diagnostics, { color: errorColor }) + "\n\n");
  for (const message of prepared.moduleErrors) process.stderr.write(`error: ${message}\n`);
  if (prepared.groups.length === 0) {
    const errors = prepared.problems.reduce((n, g) => n + g.diagnostics.filter((d) => d.severity === "error").length, 0) + prepared.moduleErrors.length;
    process.stderr.write(`no cases were run: ${errors} error${errors === 1 ? "" : "s"} in the input\n`);
    return EXIT_PROBLEMS;
  }

  const run = await runTests(prepared.groups);
  const textOptions = { symbols: process.stdout.isTTY === true ? ("unicode" as const) : ("ascii" as const), color: useColor(process.stdout, flags.color) };
  const report = formatReport(run, format, flags.outputFile === undefined ? textOptions : { symbols: "ascii", color: false });
  if (flags.outputFile !== undefined) {
    writeReportFile(flags.outputFile, report);
    if (format !== "text") process.stdout.write(formatText(run, textOptions));
  } else {
    process.stdout.write(report);
  }

  let status = run.failed > 0 ? EXIT_PROBLEMS : EXIT_OK;
  if (failUnder !== undefined) {
    const total = totalCoverage(run.coverage);
    if (total.percent < failUnder) {
      process.stderr.write(`error: ${coverageShortfall(total.percent, failUnder, run.coverage)}\n`);
      status = EXIT_PROBLEMS;
    }
  }
  return status;
}

function parseFailUnder(flags: TestFlags): number | undefined {
  if (flags.failUnder === undefined) return undefined;
  const value = Number(flags.failUnder.replace(/%$/, ""));
  if (!/^\d+(\.\d+)?%?$/.test(flags.failUnder) || value > 100) throw new UsageError(`--fail-under takes a percentage from 0 to 100, not ${flags.failUnder}`);
  if (flags.wasm !== undefined) throw new UsageError("--fail-under needs rule coverage, which --wasm modules do not have");
  if (!flags.coverage) throw new UsageError("--fail-under needs rule coverage; remove --no-coverage");
  return value;
}
