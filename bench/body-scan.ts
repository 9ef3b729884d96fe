// The `body-scan` section of `npm run bench` (`npm run bench -- --only body-scan` runs it alone): what scanning a
// 1 MB request body costs through the host, for `on request_body` rules with 1 and with 10 `contains` patterns,
// against hand-written modules doing the same host calls and scanning with a first-byte search
// (bench/peers/minimal/body-scan.as.ts). The body arrives in 16 KiB chunks (body-stream.ts), is held to its end
// and read once; it holds none of the patterns, so every pattern is searched through the whole body.

import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import { loadHost, type HostOptions, type StreamResult, type StreamSpec } from "../host/index.js";
import { CHUNK_BYTES, runChunkedRequest } from "./body-stream.js";
import { measureRunners, Runner } from "./measure/interleaved.js";
import type { BenchOptions } from "./options.js";
import { compileRawAbiPeer } from "./peers/raw-abi-compiler.js";
import type { BodyScanCase, BodyScanModule } from "./report/results.js";
import { PLUGIN_CONFIG } from "./scenarios.js";
import { median, pairedRatio, spread } from "./stats.js";

/** Things a request-body rule looks for; the hand-written modules list them too (body-scan.as.ts's pattern()). */
export const BODY_SCAN_PATTERNS = ["<script", "UNION SELECT", "../../", "/etc/passwd", "javascript:", "onerror=", "eval(", "base64_decode(", "cmd.exe", "DROP TABLE"];

/** 1 MB in decimal units, so the MB/s figures divide evenly. */
export const BODY_SCAN_BYTES = 1_000_000;

/**
 * The body must fit in maxBody (960 KiB by default) and in Envoy's buffer limit (1 MiB by default) to be held
 * whole: both are raised together, as docs/language.md ("Holding the body") says to.
 */
const MAX_BODY = 1024 * 1024;
const HOST_OPTIONS: HostOptions = { trace: false, pluginConfig: PLUGIN_CONFIG, bufferLimitBytes: 2 * 1024 * 1024 };

export const BODY_SCAN_PATTERN_COUNTS = [1, 10] as const;

/** The rule file for the first `count` patterns. */
export function bodyScanRules(count: number): string {
  const tests = BODY_SCAN_PATTERNS.slice(0, count).map((p) => `request.body contains ${JSON.stringify(p)}`);
  return `rule "scan" on request_body\n  when ${tests.join("\n    or ")}\n  deny 403\n`;
}

/** JSON records of an order export, `size` bytes of them, none holding a pattern; `tail` replaces the last bytes. */
export function bodyScanBody(size = BODY_SCAN_BYTES, tail = ""): Uint8Array {
  const records: string[] = [];
  let length = 1;
  for (let i = 0; length < size; i++) {
    const record = `{"id":${i},"customer":"c-${(i * 7919) % 100_000}","items":[{"sku":"A-${i % 977}","qty":${1 + (i % 5)}}],"note":"deliver to door ${i % 40}, ring twice"},`;
    records.push(record);
    length += record.length;
  }
  const text = `[${records.join("")}`.slice(0, size - tail.length) + tail;
  return new TextEncoder().encode(text);
}

const request = (body: Uint8Array): StreamSpec => ({
  request: { method: "POST", path: "/orders/import", headers: { "content-type": "application/json", "content-length": String(body.length) }, body },
});

export interface Contender {
  readonly id: string;
  readonly source: string;
  readonly wasm: Uint8Array;
}

export async function bodyScanContenders(count: number): Promise<[Contender, Contender]> {
  const file = `bench/body-scan.ts (${count} pattern${count === 1 ? "" : "s"})`;
  const compiled = await compileRules(new Source("scan.fw", bodyScanRules(count)), { optimize: "size", maxBody: MAX_BODY });
  if (compiled.wasm === undefined) throw new Error(`${file} does not compile`);
  const entry = `body-scan-${count}.as.ts`;
  return [
    { id: `body-scan-${count}/filterc`, source: file, wasm: compiled.wasm },
    { id: `body-scan-${count}/minimal`, source: `bench/peers/minimal/${entry}`, wasm: await compileRawAbiPeer(entry) },
  ];
}

/** What the client and the upstream saw, to check that the hand-written module behaves like filterc's build. */
function observable(r: StreamResult): string {
  return JSON.stringify({ status: r.response.status, details: r.response.details ?? null, upstreamBody: r.upstreamRequest?.body.length ?? null, trap: r.trap?.message ?? null });
}

/** The measured body (passed), and the same body ending in the last pattern (refused): host calls and outcome. */
export async function bodyScanOutcomes(c: Contender, count: number): Promise<{ hostCalls: number; observed: string[] }> {
  const host = await loadHost(c.wasm, HOST_OPTIONS);
  const passed = runChunkedRequest(host, request(bodyScanBody()), CHUNK_BYTES);
  const refused = runChunkedRequest(host, request(bodyScanBody(BODY_SCAN_BYTES, BODY_SCAN_PATTERNS[count - 1])), CHUNK_BYTES);
  return { hostCalls: passed.hostCalls, observed: [observable(passed), observable(refused)] };
}

export async function measureBodyScan(options: BenchOptions): Promise<BodyScanCase[]> {
  const rounds = options.quick ? 5 : 11;
  const perRound = options.quick ? 2 : 5;
  const spec = request(bodyScanBody());
  const cases: Array<{ count: number; pair: [Contender, Contender] }> = [];
  for (const count of BODY_SCAN_PATTERN_COUNTS) cases.push({ count, pair: await bodyScanContenders(count) });
  const all = cases.flatMap((c) => c.pair);
  // Each module in the rounds of the others, one worker each: a cycle is milliseconds, not the examples' µs.
  const measured = await measureRunners(
    all.map((c) => () => Runner.start(c.id, c.wasm, HOST_OPTIONS, [spec], CHUNK_BYTES)),
    { rounds, warmupCycles: 2, batch: () => perRound },
  );
  const result: BodyScanCase[] = [];
  for (const { count, pair } of cases) {
    const [filterc, minimal] = await Promise.all(pair.map(async (c): Promise<BodyScanModule> => {
      const m = measured.find((x) => x.id === c.id)!;
      const o = await bodyScanOutcomes(c, count);
      const nsPerCycle = median(m.nsPerCycleByRound);
      return {
        id: c.id,
        source: c.source,
        bytes: c.wasm.length,
        hostCalls: o.hostCalls,
        observed: o.observed,
        nsPerCycle,
        nsPerCycleByRound: m.nsPerCycleByRound,
        spread: spread(m.nsPerCycleByRound),
        megabytesPerSecond: (BODY_SCAN_BYTES / nsPerCycle) * 1e3,
        pages: m.pagesAfterCycles,
        failed: m.failed,
      };
    })) as [BodyScanModule, BodyScanModule];
    result.push({
      patterns: count,
      bodyBytes: BODY_SCAN_BYTES,
      chunkBytes: CHUNK_BYTES,
      filterc,
      minimal,
      filtercOverMinimal: pairedRatio(filterc.nsPerCycleByRound, minimal.nsPerCycleByRound),
      behavesAlike: filterc.observed.every((o, i) => o === minimal.observed[i]),
    });
  }
  return result;
}
