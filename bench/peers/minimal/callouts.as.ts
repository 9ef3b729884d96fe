// Calls in flight for the peers that pause a stream on a callout (global-limit, authz-http): (token, stream) pairs,
// one per stream waiting, as filterc's runtime/callout.ts keeps them, in a fixed table.
import { proxy_grpc_cancel, proxy_set_effective_context } from "./abi.as";

const MAX_PENDING: u32 = 64;
const pending = memory.data(<i32>MAX_PENDING * 8);
let used: u32 = 0;

/** No room for another call: the peer treats it as a call the proxy refused. */
export function calloutsFull(): bool {
  return used == MAX_PENDING;
}

export function calloutRemember(token: u32, ctx: u32): void {
  store<u32>(pending + <usize>used * 8, token);
  store<u32>(pending + <usize>used * 8 + 4, ctx);
  used++;
}

function drop(entry: usize): void {
  used--;
  memory.copy(entry, pending + <usize>used * 8, 8);
}

/** The stream waiting for `token` made current, and the call forgotten; false when none waits. */
export function calloutResume(token: u32): bool {
  for (let i: u32 = 0; i < used; i++) {
    const entry = pending + <usize>i * 8;
    if (load<u32>(entry) != token) continue;
    const ctx = load<u32>(entry + 4);
    drop(entry);
    proxy_set_effective_context(ctx);
    return true;
  }
  return false;
}

/** Stream `ctx` ended: its calls are forgotten, and cancelled when they are gRPC calls (HTTP calls cannot be). */
export function calloutForget(ctx: u32, grpc: bool): void {
  for (let i: u32 = 0; i < used; ) {
    const entry = pending + <usize>i * 8;
    if (load<u32>(entry + 4) != ctx) {
      i++;
      continue;
    }
    if (grpc) proxy_grpc_cancel(load<u32>(entry));
    drop(entry);
  }
}
