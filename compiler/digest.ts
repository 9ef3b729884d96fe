import { createHash } from "node:crypto";

/** Lower-case hex sha256, the form both Envoy's `code.remote.sha256` and WasmPlugin's `sha256` expect. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
