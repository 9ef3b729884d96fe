// Callouts that pause a stream: a rule calls a service (proxy_grpc_call or proxy_http_call), its callback returns
// Pause, and the answer, which Envoy delivers to the root context (Context::onGrpcReceive / onGrpcClose /
// onHttpCallSuccess / onHttpCallFailure in source/extensions/common/wasm/context.cc), finds the stream again by the call's token here, makes it the
// effective context (proxy_set_effective_context), and the generated code goes on with the stream from there:
// a local reply, or the rest of the phase and proxy_continue_stream.
//
// The pending calls are a small array of (token, stream, site) entries in a block: one per stream waiting, so its
// size follows the number of streams paused at once. A stream that ends while it waits (proxy_on_delete) drops its
// entry and cancels its gRPC call (the ABI has no way to cancel an HTTP call), so an answer that still comes finds
// nothing and touches no stream. gRPC and HTTP tokens are counted apart by the host and may be equal: an entry's
// site has HTTP_SITE set for an HTTP call.
import { proxy_grpc_call, proxy_grpc_cancel, proxy_http_call, proxy_set_effective_context, proxy_continue_stream, STATUS_OK, STREAM_REQUEST } from "./abi";
import { allocBlock, freeBlock } from "./memory";
import { HOST_RETURN, Str, strLen, strPtr } from "./str";

const ENTRY: usize = 12;
/** The bit of an entry's site that marks an HTTP call. */
const HTTP_SITE: u32 = 0x80000000;
let table: usize = 0;
let capacity: u32 = 0;
let used: u32 = 0;
/** The stream calloutResume found last. */
let resumed: u32 = 0;

/**
 * Makes room for one more pending call. Called first in a callback that may pause, while the arena is empty (a
 * block may be taken over it).
 */
export function calloutReserve(): void {
  if (used < capacity) return;
  const grown = capacity == 0 ? 8 : capacity * 2;
  const fresh = allocBlock(<usize>grown * ENTRY);
  if (used > 0) memory.copy(fresh, table, <usize>used * ENTRY);
  freeBlock(table);
  table = fresh;
  capacity = grown;
}

/**
 * Starts a unary gRPC call of `service`/`method` on `target` (a serialized GrpcService) with `message`, for stream
 * `ctx` at `site` (the generated code's number for what to do with the answer). False when the proxy refuses the
 * call (an unknown cluster): nothing is pending then.
 */
export function calloutGrpc(target: Str, service: Str, method: Str, message: Str, timeoutMs: u32, ctx: u32, site: u32): bool {
  const status = proxy_grpc_call(strPtr(target), strLen(target), strPtr(service), strLen(service), strPtr(method), strLen(method), 0, 0, strPtr(message), strLen(message), timeoutMs, HOST_RETURN);
  if (status != STATUS_OK) return false;
  pending(ctx, site);
  return true;
}

/**
 * Starts an HTTP call to `cluster` with `headers` (pairs format, with :method, :path and :authority) and no body,
 * for stream `ctx` at `site`. False when the proxy refuses the call (an unknown cluster, Envoy's BadArgument).
 */
export function calloutHttp(cluster: Str, headers: Str, timeoutMs: u32, ctx: u32, site: u32): bool {
  const status = proxy_http_call(strPtr(cluster), strLen(cluster), strPtr(headers), strLen(headers), 0, 0, 0, 0, timeoutMs, HOST_RETURN);
  if (status != STATUS_OK) return false;
  pending(ctx, site | HTTP_SITE);
  return true;
}

/** Records the call whose token the host just wrote at HOST_RETURN; calloutReserve made the room. */
function pending(ctx: u32, site: u32): void {
  const entry = table + <usize>used * ENTRY;
  store<u32>(entry, load<u32>(HOST_RETURN));
  store<u32>(entry, ctx, 4);
  store<u32>(entry, site, 8);
  used++;
}

/** Moves the last entry into the place of `entry`. */
function drop(entry: usize): void {
  used--;
  const last = table + <usize>used * ENTRY;
  if (entry != last) memory.copy(entry, last, ENTRY);
}

/**
 * The site of the call `token` is the answer to (an HTTP call's with `http`), its stream made the effective context (calloutStream), and the
 * call forgotten; -1 when no stream waits for it (the stream ended meanwhile).
 */
export function calloutResume(token: u32, http: bool): i32 {
  const end = table + <usize>used * ENTRY;
  const kind = http ? HTTP_SITE : 0;
  for (let entry = table; entry < end; entry += ENTRY) {
    const site = load<u32>(entry, 8);
    if (load<u32>(entry) != token || (site & HTTP_SITE) != kind) continue;
    resumed = load<u32>(entry, 4);
    drop(entry);
    proxy_set_effective_context(resumed);
    return <i32>(site & ~HTTP_SITE);
  }
  return -1;
}

/** The stream calloutResume found. */
export function calloutStream(): u32 {
  return resumed;
}

/** The request side of the resumed stream goes on (Envoy continues decoding from the next filter). */
export function calloutContinue(): void {
  proxy_continue_stream(STREAM_REQUEST);
}

/** Stream `ctx` is gone: its pending calls are cancelled and forgotten. */
export function calloutForget(ctx: u32): void {
  let entry = table;
  while (entry < table + <usize>used * ENTRY) {
    if (load<u32>(entry, 4) != ctx) {
      entry += ENTRY;
      continue;
    }
    if ((load<u32>(entry, 8) & HTTP_SITE) == 0) proxy_grpc_cancel(load<u32>(entry));
    drop(entry);
  }
}
