#!/usr/bin/env node
import { readFileSync } from "node:fs";
import nodeModule from "node:module";
import { Command, CommanderError } from "commander";
import { describeFileError, FileAccessError, isFileSystemError } from "../compiler/file-errors.js";
import { PackageError, renderPackageError } from "../compiler/package/package-codes.js";
import { EXIT_PROBLEMS, EXIT_USAGE } from "./terminal.js";
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

type Register = (program: Command) => void;
/** In help order. Each loads only when needed: `filterc lint` must not load the host, the test runner or YAML. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  build: async () => (await import("./build-command.js")).registerBuild,
  package: async () => (await import("./package-command.js")).registerPackage,
  doctor: async () => (await import("./doctor-command.js")).registerDoctor,
  explain: async () => (await import("./explain-command.js")).registerExplain,
  fmt: async () => (await import("./fmt-command.js")).registerFmt,
  init: async () => (await import("./init-command.js")).registerInit,
  lint: async () => (await import("./lint-command.js")).registerLint,
  lsp: async () => (await import("./lsp-command.js")).registerLsp,
  test: async () => (await import("./test-command.js")).registerTest,
  run: async () => (await import("./run-command.js")).registerRun,
  serve: async () => (await import("./serve-command.js")).registerServe,
};
// Top-level options take no values, so the first other word names the command; help and unknown words get all.
const named = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
const chosen = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
for (const register of await Promise.all(chosen.map((name) => COMMANDS[name]!()))) register(program);

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
  if (error instanceof PackageError) {
    process.stderr.write(renderPackageError(error));
    return error.usage ? EXIT_USAGE : EXIT_PROBLEMS;
  }
  if (error instanceof UsageError || error instanceof FileAccessError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT_USAGE;
  }
  // A file the user named that no command wrapped: still the user's to fix, not a bug in filterc.
  if (isFileSystemError(error)) {
    process.stderr.write(`error: ${describeFileError(error)}\n`);
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
