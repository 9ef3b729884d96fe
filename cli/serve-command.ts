import { statSync } from "node:fs";
import type { Command } from "commander";
import { ServeOptionError, serveOptions, type ServeFlags } from "../serve/options.js";
import { EXIT_PROBLEMS, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { preferQuickWasmStart } from "./wasm-start.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run a local HTTP proxy that passes every request through the compiled rules, rebuilding on save")
    .argument("[rules]", "the rule file (or use --wasm)")
    .option("--upstream <url>", "where requests go, e.g. http://127.0.0.1:8080 (required)")
    .option("--listen <host:port>", "where the proxy listens (port 0: any free port)", "127.0.0.1:10000")
    .option("--admin <host:port>", "an admin listener answering GET /stats/prometheus (off unless given)")
    .option("--cluster <name=url>", "a cluster for the filter's HTTP calls, e.g. auth=http://127.0.0.1:9000 (repeatable)", collect)
    .option("--workers <n>", "how many VMs run the filter, as Envoy's worker threads (default 1)")
    .option("--buffer-limit <bytes>", "the most body bytes the filter may buffer; past it 413 (default 1048576)")
    .option("--max-header-bytes <bytes>", "request header bytes past which the proxy answers 431 (default 61440)")
    .option("--failure-policy <policy>", "when the filter traps: fail-closed (503, default), fail-open or reload")
    .option("--plugin-config <file|json>", "the plugin configuration: a JSON or YAML file (reloaded when it changes), or JSON text")
    .option("--log-format <format>", "access log lines: text (default) or json")
    .option("--wasm <file>", "serve this proxy-wasm module instead of building rules (reloaded when it changes)")
    .option("--root-id <id>", "the root id the --wasm module is loaded with")
    .option("--no-color", "never color diagnostics")
    .action(async (ruleFile: string | undefined, flags: ServeFlags & { color?: boolean }) => {
      process.exitCode = await runServe(ruleFile, flags);
    });
}

async function runServe(ruleFile: string | undefined, flags: ServeFlags & { color?: boolean }): Promise<number> {
  let options;
  try {
    options = serveOptions(ruleFile, flags);
  } catch (error) {
    throw error instanceof ServeOptionError ? new UsageError(error.message) : error;
  }
  const input = options.ruleFile;
  const stat = statSync(input, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`cannot read ${input}: no such file`);
  if (!stat.isFile()) throw new UsageError(`cannot read ${input}: it is a directory, not ${options.wasm ? "a wasm module" : "a rule file"}`);
  preferQuickWasmStart();
  // The compiler and the host load only once the command line is known to be right.
  const { ServeStartError, startServe } = await import("../serve/server.js");
  let running;
  try {
    running = await startServe(options, {
      access: (line) => process.stdout.write(line),
      info: (text) => process.stderr.write(text),
      color: useColor(process.stderr, flags.color),
    });
  } catch (error) {
    if (error instanceof ServeOptionError) throw new UsageError(error.message);
    if (error instanceof ServeStartError) return EXIT_PROBLEMS;
    throw error;
  }
  process.once("SIGINT", running.shutdown);
  process.once("SIGTERM", running.shutdown);
  return running.stopped;
}
