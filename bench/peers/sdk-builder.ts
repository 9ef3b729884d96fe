import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Builds SDK peer sources (paths) to wasm in a child process (see sdk-child.ts for why), all in one child so the
 * old compiler loads once. Results come back in the order of `sources`.
 */
export function buildSdkPeers(sources: readonly string[]): Uint8Array[] {
  if (sources.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "filterc-bench-sdk-"));
  try {
    const outputs = sources.map((_, i) => join(dir, `peer-${i}.wasm`));
    const child = fileURLToPath(new URL("./sdk-child.js", import.meta.url));
    const result = spawnSync(process.execPath, [child, ...sources.flatMap((s, i) => [s, outputs[i]!])], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`building the SDK peers failed:\n${result.stderr}${result.stdout}`);
    return outputs.map((file) => new Uint8Array(readFileSync(file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
