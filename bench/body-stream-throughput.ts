// Body scanning throughput through the host (issue 15): a 1 MB request body in 1 KB, 16 KB and 64 KB chunks, under
// rules that only detect (log) 1 or 10 patterns, streamed (each chunk goes on at once, one automaton of all the
// patterns runs across the chunks: compiler/lower/body-stream.ts) against the same rules held (one more rule that
// denies makes the phase hold the body and scan it whole at the end, as every body phase did before streaming).
// Standalone: `npx tsc -p tsconfig.json && node dist/bench/body-stream-throughput.js [--rounds N]`. Prints MB/s per case.

import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import { loadHost, type ProxyWasmHost } from "../host/index.js";
import { nowNs } from "./clock.js";

const BODY_BYTES = 1024 * 1024;
const CHUNKS = [1024, 16 * 1024, 64 * 1024];
/** Words an attack body might carry; none occurs in the body, so every byte is read. */
const PATTERNS = ["union select", "drop table", "<script", "javascript:", "/etc/passwd", "../..", "xp_cmdshell", "sleep(", "benchmark(", "load_file("];

function rules(patterns: number, held: boolean): string {
  const conditions = PATTERNS.slice(0, patterns).map((p) => `request.body contains ${JSON.stringify(p)}`);
  const detect = `rule "detect" on request_body when ${conditions.join(" or ")} log warn "suspicious body"\n`;
  // A deny makes the phase hold its body (it needs all of it before any may go on); it never fires here.
  return held ? `${detect}rule "hold" on request_body when size(request.body) > 16000000 deny 413\n` : detect;
}

async function hostOf(text: string): Promise<ProxyWasmHost> {
  const source = new Source("bench.fw", text);
  // maxBody as large as it goes: the held phase must not answer 413 for the 1 MB body.
  const result = await compileRules(source, { optimize: "size", maxBody: 16 * 1024 * 1024 });
  if (result.wasm === undefined) throw new Error("the bench rules do not compile");
  // The host's own buffer limit (Envoy's per_connection_buffer_limit_bytes) must not stop the held body either.
  return loadHost(result.wasm, { logLevel: 5, bufferLimitBytes: 32 * 1024 * 1024 });
}

/** MB/s of one body of BODY_BYTES in `chunk`-byte chunks, the best of `rounds` runs after a warm-up. */
function throughput(host: ProxyWasmHost, chunk: number, rounds: number): number {
  const piece = new Uint8Array(chunk);
  for (let i = 0; i < chunk; i++) piece[i] = 97 + (i % 26);
  const count = BODY_BYTES / chunk;
  const once = (): number => {
    const stream = host.openStream({ request: { path: "/upload", method: "POST" }, response: { status: 200, body: "ok" } }, true);
    stream.requestHeaders(undefined, false);
    const start = nowNs();
    for (let i = 0; i < count; i++) stream.requestBody(piece, i === count - 1);
    const ns = nowNs() - start;
    const r = stream.close();
    if (r.response.status !== 200 || r.upstreamRequest?.body.length !== BODY_BYTES) throw new Error(`unexpected result ${r.response.status}`);
    return ns;
  };
  once();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) best = Math.min(best, once());
  return BODY_BYTES / (1024 * 1024) / (best / 1e9);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--rounds");
  const rounds = at > 0 ? Number(process.argv[at + 1]) : 5;
  console.log("patterns  chunk    held MB/s  streamed MB/s");
  for (const patterns of [1, 10]) {
    const held = await hostOf(rules(patterns, true));
    const streamed = await hostOf(rules(patterns, false));
    for (const chunk of CHUNKS) {
      const h = throughput(held, chunk, rounds);
      const s = throughput(streamed, chunk, rounds);
      console.log(`${String(patterns).padStart(8)}  ${`${chunk / 1024} KB`.padEnd(7)}  ${h.toFixed(1).padStart(9)}  ${s.toFixed(1).padStart(13)}`);
    }
  }
}

await main();
