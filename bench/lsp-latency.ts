import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { generateRuleSet } from "./corpus/rule-mix.js";
import { nowNs } from "./clock.js";
import { record, renderIntoReport } from "./report/recorded-section.js";
import { LSP_LATENCY, type LspLatencyRecord } from "./report/sections/lsp-latency.js";

/**
 * Issue 19's target: diagnostics of a 1,000-rule file within 200 ms of an edit. Starts `filterc lsp` as an editor
 * would, opens the generated rule set (bench/corpus/rule-mix.ts), then makes edits one at a time, alternately
 * breaking a rule's phase (`request_header`) and fixing it, and times each from sending the change to receiving
 * the diagnostics of that version. The debounce is 0 here: an editor adds the server's debounce (lsp/server.ts,
 * DEFAULT_DEBOUNCE_MS) to each figure. Records bench/lsp-latency.json and renders its section of docs/benchmarks.md.
 *
 *   node dist/bench/lsp-latency.js [RULES] [--edits N] [--render]
 */
const args = process.argv.slice(2);
if (args.includes("--render")) {
  renderIntoReport(LSP_LATENCY);
  process.exit(0);
}
const rules = Number(args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--edits") ?? 1000);
const editsAt = args.indexOf("--edits");
const edits = editsAt < 0 ? 40 : Number(args[editsAt + 1]);
if (!Number.isInteger(rules) || rules < 1 || !Number.isInteger(edits) || edits < 2) {
  process.stderr.write("usage: node dist/bench/lsp-latency.js [RULES] [--edits N] [--render]\n");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "filterc-lsp-bench-"));
const file = join(dir, "rules.fw");
const text = generateRuleSet(rules).text;
writeFileSync(file, text);
const cli = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const child = spawn(process.execPath, [cli, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map<number, (count: number) => void>();
connection.onNotification("textDocument/publishDiagnostics", (p: { version?: number; diagnostics: unknown[] }) => waiting.get(p.version ?? -1)?.(p.diagnostics.length));
connection.listen();
const load = loadavg();
await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await connection.sendNotification("initialized", {});
const uri = pathToFileURL(file).href;
const published = (version: number) => new Promise<number>((resolve) => waiting.set(version, resolve));

let version = 1;
const opened = published(1);
const openStart = nowNs();
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "filterc", version, text } });
await opened;
const openMs = Number(nowNs() - openStart) / 1e6;

// Rule i's phase is on line i + 1 (line 0 is the header comment), after `rule "NAME" on `.
const lines = text.split("\n");
const times: number[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < edits; i++) {
  const line = 1 + ((i >> 1) * 37) % rules;
  const at = lines[line]!.indexOf("request_headers") + "request_header".length;
  const breaking = i % 2 === 0;
  const range = { start: { line, character: at }, end: { line, character: breaking ? at + 1 : at } };
  version++;
  const arrived = published(version);
  const start = nowNs();
  const cpuStart = serverCpuMs();
  await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: breaking ? "" : "s" }] });
  const count = await arrived;
  times.push(Number(nowNs() - start) / 1e6);
  cpuTimes.push(serverCpuMs() - cpuStart);
  if (count !== (breaking ? 1 : 0)) throw new Error(`edit ${i}: ${count} diagnostics, expected ${breaking ? 1 : 0}`);
}
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();
rmSync(dir, { recursive: true, force: true });

/**
 * The server process's CPU time so far (user and system, all threads), from /proc: on a shared machine wall time
 * counts every preemption, CPU time only the work. Linux clock ticks, 10 ms each: a median over many edits.
 */
function serverCpuMs(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  // After the command name: field 14 (utime) and 15 (stime) of proc(5) are the 12th and 13th here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const sorted = [...times].sort((a, b) => a - b);
const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const recorded: LspLatencyRecord = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverage: load[0]!,
  rules,
  edits,
  openMs,
  medianMs: quantile(0.5),
  p90Ms: quantile(0.9),
  maxMs: sorted.at(-1)!,
  cpuMedianMs: median(cpuTimes),
};
record(LSP_LATENCY, recorded);
process.stdout.write(
  `${rules} rules: open ${openMs.toFixed(0)} ms; edit to diagnostics median ${recorded.medianMs.toFixed(0)} ms, p90 ${recorded.p90Ms.toFixed(0)} ms, max ${recorded.maxMs.toFixed(0)} ms over ${edits} edits; server CPU per edit median ${recorded.cpuMedianMs.toFixed(0)} ms (load ${load[0]!.toFixed(1)})\n`,
);
