import { bytes, count, ms, ratio } from "../format.js";
import type { BenchResults } from "../results.js";
import { table } from "../table.js";

const mbps = (n: number): string => `${n.toFixed(1)} MB/s`;

export function bodyScanSection(r: BenchResults): string {
  if (r.bodyScan === undefined || r.bodyScan.length === 0) return "";
  const rows = r.bodyScan.map((c) => [
    String(c.patterns),
    ms(c.filterc.nsPerCycle / 1e6),
    mbps(c.filterc.megabytesPerSecond),
    ms(c.minimal.nsPerCycle / 1e6),
    mbps(c.minimal.megabytesPerSecond),
    ratio(c.filtercOverMinimal),
    `${c.filterc.hostCalls} / ${c.minimal.hostCalls}`,
    `${c.filterc.pages} / ${c.minimal.pages}`,
    `${bytes(c.filterc.bytes)} / ${bytes(c.minimal.bytes)}`,
    c.behavesAlike && !c.filterc.failed && !c.minimal.failed ? "yes" : "**NO**",
  ]);
  const first = r.bodyScan[0]!;
  return `## Scanning a ${count(first.bodyBytes / 1e6)} MB request body

${table(["patterns", "filterc per body", "filterc", "hand-written per body", "hand-written", "filterc / hand", "host calls", "pages", "wasm", "same outcome"], rows)}

\`bench/body-scan.ts\` (\`npm run bench -- --only body-scan\`): one \`on request_body\` rule whose condition is 1 or
10 \`contains\` tests joined by \`or\`, and a body of ${count(first.bodyBytes)} bytes of JSON that holds none of the
patterns, so each is searched through the whole body. The body arrives through the host in
${bytes(first.chunkBytes)} chunks; the filter holds it to its end (\`maxBody\` and the host's buffer limit raised
to fit it), reads it with one \`proxy_get_buffer_bytes\` and scans it. MB/s is body bytes (10^6) per second of the
whole cycle: request headers, ${Math.ceil(first.bodyBytes / first.chunkBytes)} body callbacks, the host's
buffering, the read, the scan, the upstream's answer. The hand-written modules
(\`bench/peers/minimal/body-scan.as.ts\`) make the same host calls and test the patterns one after another, each a
search for its first byte and a compare there. Timings are medians of rounds in which the modules take turns, one
worker each; "same outcome" says that both modules pass this body and refuse it (403) when it ends in the last
pattern.`;
}
