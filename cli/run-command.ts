import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { withFileErrors } from "../compiler/file-errors.js";
import { renderDiagnostics } from "../compiler/render.js";
import {
  buildFilterForTest,
  formatRunJson,
  formatRunText,
  moduleFilter,
  pluginConfigFlag,
  runOnce,
  streamSpecFromFlags,
  TestInputError,
  type FilterUnderTest,
  type RequestFlags,
} from "../compiler/testing/index.js";
import { EXIT_OK, EXIT_PROBLEMS, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { preferQuickWasmStart } from "./wasm-start.js";

interface RunFlags {
  request?: string;
  header?: string[];
  body?: string;
  source?: string;
  destination?: string;
  mtls?: boolean;
  principal?: string;
  responseStatus?: string;
  responseHeader?: string[];
  responseBody?: string;
  pluginConfig?: string;
  wasm?: string;
  rootId?: string;
  json?: boolean;
  color?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run one request through a filter and print the trace: callbacks, host calls, header changes, logs")
    .argument("[rules...]", "the rule files, composed in order (or use --wasm)")
    .option("-r, --request <line>", 'the request: "METHOD PATH" or "METHOD URL"', "GET /")
    .option("-H, --header <name: value>", "a request header (repeatable)", collect)
    .option("--body <text>", "the request body")
    .option("--source <ip:port>", "the client address (default 127.0.0.1:51000)")
    .option("--destination <ip:port>", "the address or port the request arrived on (default 127.0.0.1:8080)")
    .option("--mtls", "the client connection uses mutual TLS")
    .option("--principal <uri>", "the client certificate's URI SAN (implies --mtls)")
    .option("--response-status <status>", "what the upstream answers (default 200)")
    .option("--response-header <name: value>", "a header of the upstream's answer (repeatable)", collect)
    .option("--response-body <text>", "the body of the upstream's answer")
    .option("--plugin-config <file|json>", "the plugin configuration: a JSON or YAML file, or JSON text")
    .option("--wasm <file>", "run this proxy-wasm module instead of building rules")
    .option("--root-id <id>", "the root id the module is loaded with")
    .option("--json", "print the whole outcome as JSON")
    .option("--no-color", "never color the output")
    .action(async (ruleFiles: string[], flags: RunFlags) => {
      const rules = ruleFiles.length === 0 ? undefined : ruleFiles;
      preferQuickWasmStart();
      process.exitCode = await runRunCommand(rules, flags);
    });
}

async function runRunCommand(rules: readonly string[] | undefined, flags: RunFlags): Promise<number> {
  if ((rules === undefined) === (flags.wasm === undefined)) throw new UsageError("name a rule file, or a module with --wasm (not both)");
  for (const input of rules ?? [flags.wasm!]) if (!existsSync(input)) throw new UsageError(`cannot read ${input}: no such file`);
  let spec;
  let pluginConfig;
  try {
    spec = streamSpecFromFlags(requestFlags(flags));
    pluginConfig = pluginConfigFlag(flags.pluginConfig);
  } catch (error) {
    if (error instanceof TestInputError) throw new UsageError(error.message);
    throw error;
  }
  let filter: FilterUnderTest;
  if (rules !== undefined) {
    const built = await buildFilterForTest(rules, { coverage: false });
    const errors = built.diagnostics.filter((d) => d.severity === "error");
    if (built.filter === undefined) {
      process.stderr.write(renderDiagnostics(built.source, errors, { color: useColor(process.stderr, flags.color) }) + "\n\n");
      process.stderr.write(`${rules.join(" ")} does not compile: ${errors.length} error${errors.length === 1 ? "" : "s"}\n`);
      return EXIT_PROBLEMS;
    }
    filter = built.filter;
  } else {
    filter = moduleFilter(flags.wasm!, new Uint8Array(withFileErrors("read", flags.wasm!, () => readFileSync(flags.wasm!))), flags.rootId);
  }
  const outcome = await runOnce(filter, spec, pluginConfig);
  process.stdout.write(flags.json ? formatRunJson(outcome) : formatRunText(outcome, { color: useColor(process.stdout, flags.color) }));
  return outcome.loadError !== undefined || outcome.result?.trap !== undefined ? EXIT_PROBLEMS : EXIT_OK;
}

function requestFlags(flags: RunFlags): RequestFlags {
  return {
    request: flags.request,
    headers: flags.header,
    body: flags.body,
    source: flags.source,
    destination: flags.destination,
    mtls: flags.mtls,
    principal: flags.principal,
    responseStatus: flags.responseStatus,
    responseHeaders: flags.responseHeader,
    responseBody: flags.responseBody,
  };
}
