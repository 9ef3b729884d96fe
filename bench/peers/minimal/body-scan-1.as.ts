// bench/body-scan.ts's rule with 1 pattern by hand (see body-scan.as.ts).
import { scanRequestBody } from "./body-scan.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

export function proxy_on_request_body(ctx: u32, bodySize: u32, endOfStream: u32): u32 {
  return scanRequestBody(bodySize, endOfStream, 1);
}
