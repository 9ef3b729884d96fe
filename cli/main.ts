#!/usr/bin/env node
import { readFileSync } from "node:fs";
import nodeModule from "node:module";
import { Command, CommanderError } from "commander";
import { registerBuild } from "./build-command.js";
import { registerExplain } from "./explain-command.js";
import { registerFmt } from "./fmt-command.js";
import { registerInit } from "./init-command.js";
import { registerLint } from "./lint-command.js";
import { registerRun } from "./run-command.js";
import { registerTest } from "./test-command.js";
import { EXIT_USAGE } from "./terminal.js";
import { UsageError } from "./usage-error.js";

// Node 22 and later can keep V8's compiled code of loaded modules between runs (tsc does the same): the compilers'
// 13 MB binaryen file, loaded lazily by build, test and run, is then not parsed again in every process.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command("filterc")
  .description("compile HTTP traffic rules to proxy-wasm filters for Envoy and Istio")
  .version(pkg.version, "-V, --version")
  .option("--debug", "show stack traces for internal errors")
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

registerBuild(program);
registerExplain(program);
registerFmt(program);
registerInit(program);
registerLint(program);
registerTest(program);
registerRun(program);

// `filterc build ... | head -1` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const debug = process.argv.includes("--debug");
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${message}\nThis is a bug in filterc; please report it with the input that caused it.\n`);
  const detail = (error as { detail?: unknown }).detail;
  if (debug) {
    if (typeof detail === "string") process.stderr.write(detail + "\n");
    if (error instanceof Error && error.stack) process.stderr.write(error.stack + "\n");
  } else {
    process.stderr.write("Run again with --debug for the details.\n");
  }
  return EXIT_USAGE;
}
