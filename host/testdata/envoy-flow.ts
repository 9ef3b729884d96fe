// A test filter for how Envoy drives a stream: body edits, header statuses, buffering and the end of a stream.
// The request header x-op picks the behaviour; every callback logs a line the tests match.

import {
  RET_PTR, RET_SIZE, clearRet, enc, getHeader, info, lastStatus, ptr, returned,
  proxy_get_buffer_bytes, proxy_set_buffer_bytes,
} from "./abi";

export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";

const ops = new Map<u32, string>();

function s(n: i64): string {
  return n.toString();
}

function opOf(ctx: u32): string {
  return ops.has(ctx) ? ops.get(ctx) : "";
}

function body(type: i32, size: u32): string {
  clearRet();
  const st = proxy_get_buffer_bytes(type, 0, size, RET_PTR, RET_SIZE);
  return st == 0 && load<u32>(RET_SIZE) > 0 ? returned() : "";
}

export function proxy_on_context_create(id: u32, parent: u32): void {
  if (parent != 0) info("create " + s(id));
}

export function proxy_on_request_headers(ctx: u32, n: u32, eos: u32): u32 {
  const found = getHeader(0, "x-op");
  const op = found != null ? found : "";
  ops.set(ctx, op);
  info("request_headers " + s(ctx) + " eos=" + s(eos));
  if (op == "end-stream") return 2;
  if (op == "stop-headers") return 1;
  return 0;
}

export function proxy_on_request_body(ctx: u32, size: u32, eos: u32): u32 {
  const op = opOf(ctx);
  const path = getHeader(0, ":path");
  info("request_body " + s(ctx) + " size=" + s(size) + " eos=" + s(eos) + " headers=" + (path != null ? "reachable" : s(lastStatus)));
  if (op == "replace-first" || op == "remove-first") {
    const data = enc(op == "replace-first" ? "J" : "");
    const st = proxy_set_buffer_bytes(0, 0, 1, ptr(data), data.byteLength);
    info("edit st=" + s(st) + " body=" + body(0, 100));
  }
  if (op == "append-at-end") {
    const data = enc("!");
    const st = proxy_set_buffer_bytes(0, size, 0, ptr(data), data.byteLength);
    info("edit st=" + s(st) + " body=" + body(0, 100));
  }
  if (op == "buffer" || op == "stop-headers") return eos != 0 ? 0 : 1;
  if (op == "buffer-always") return 1;
  if (op == "watermark") return eos != 0 ? 0 : 2;
  return 0;
}

export function proxy_on_request_trailers(ctx: u32, n: u32): u32 {
  info("request_trailers " + s(ctx) + " n=" + s(n));
  return 0;
}

export function proxy_on_response_headers(ctx: u32, n: u32, eos: u32): u32 {
  const status = getHeader(2, ":status");
  info("response_headers " + s(ctx) + " status=" + (status != null ? status : "-"));
  const op = opOf(ctx);
  if (op == "hold-response") return 1;
  return 0;
}

export function proxy_on_response_body(ctx: u32, size: u32, eos: u32): u32 {
  info("response_body " + s(ctx) + " size=" + s(size) + " eos=" + s(eos));
  const op = opOf(ctx);
  if (op == "hold-response" || op == "buffer-response") return eos != 0 ? 0 : 1;
  return 0;
}

export function proxy_on_log(ctx: u32): void {
  const code = getHeader(2, ":status");
  info("log " + s(ctx) + " status=" + (code != null ? code : "-"));
}

export function proxy_on_done(ctx: u32): u32 {
  info("done " + s(ctx));
  return 1;
}

export function proxy_on_delete(ctx: u32): void {
  info("delete " + s(ctx));
}
