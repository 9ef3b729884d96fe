import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { record } from "./report/recorded-section.js";
import { SERVE_LOAD, type ServeLoadRecord, type ServeLoadRun } from "./report/sections/serve-load.js";
import { repoPath } from "./repo-root.js";

/**
 * `filterc serve` under load (issue 17): autocannon against a loopback upstream, first directly, then through
 * `filterc serve` running a rule file, each for the same time and connections, so the proxy's cost shows as the
 * difference. The upstream and the proxy are processes of their own; autocannon runs here.
 *
 *   node dist/bench/serve-load.js [--duration 10] [--connections 10] [--rules examples/hello.fw] [--workers 1] [--record]
 *
 * --record writes bench/serve-load.json and renders its section of docs/benchmarks.md. Not part of `npm run bench`:
 * it takes twice --duration of both cores, and its figures depend on the machine's load far more than the
 * per-request figures there.
 */

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }, done: (error: Error | null, result: AutocannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1] ?? fallback;
}

const duration = Number(flag("--duration", "10"));
const connections = Number(flag("--connections", "10"));
const workers = flag("--workers", "1");
const rules = flag("--rules", "examples/hello.fw");
if (!(duration > 0) || !(connections > 0) || !existsSync(repoPath(rules))) {
  process.stderr.write("usage: node dist/bench/serve-load.js [--duration S] [--connections N] [--rules FILE] [--workers N] [--record]\n");
  process.exit(2);
}

/** A process that prints `URL http://...` (or serve's `listening on http://...`) on stderr when it is ready. */
function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], cwd: repoPath(".") });
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const match = ready.exec(err);
      if (match !== null && / watching |^URL /m.test(err)) resolve({ child, url: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}:\n${err}`)));
  });
}

function load(url: string): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => autocannon({ url, connections, duration }, (error, result) => (error ? reject(error) : resolve(result))));
}

const UPSTREAM = `require("node:http").createServer((q, r) => { q.resume(); q.on("end", () => r.end("ok")); })
  .listen(0, "127.0.0.1", function () { process.stderr.write("URL http://127.0.0.1:" + this.address().port + "\\n"); });`;

const upstream = await start(["-e", UPSTREAM], /^URL (http:\/\/\S+)/m);
const proxy = await start([join(repoPath("."), "dist/cli/main.js"), "serve", rules, "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--workers", workers], /listening on (http:\/\/\S+)/);
// The proxy's access log goes to stdout, which is ignored: what is measured is the proxy, not a terminal.
const summarize = (r: AutocannonResult): ServeLoadRun => ({
  rps: r.requests.average,
  requests: r.requests.total,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});
try {
  const direct = summarize(await load(upstream.url));
  const proxied = summarize(await load(proxy.url));
  const recorded: ServeLoadRecord = { date: new Date().toISOString(), node: process.version, rules, duration, connections, workers: Number(workers), direct, proxied };
  for (const [name, run] of [["direct", direct], ["through filterc serve", proxied]] as const) {
    process.stdout.write(`${name}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} requests, ${run.errors} errors, ${run.non2xx} non-2xx\n`);
  }
  if (process.argv.includes("--record")) {
    record(SERVE_LOAD, recorded);
  }
} finally {
  proxy.child.kill("SIGTERM");
  upstream.child.kill();
}
