// A test filter making gRPC calls and streams through the raw ABI. The request header x-op picks what it does;
// x-cluster (or x-service-hex, a serialized GrpcService), x-grpc-service, x-method, x-timeout and x-message-hex
// (the call's message, default "ping") shape the call. Every callback logs what it saw; answers resume the paused
// request with the outcome as request headers.

import {
  RET_PTR, RET_SIZE, RET_U32, addHeader, clearRet, enc, getHeader, info, pairs, ptr, returned, unhex,
  proxy_continue_stream, proxy_get_buffer_bytes, proxy_get_header_map_pairs, proxy_get_header_map_size,
  proxy_get_status, proxy_grpc_call, proxy_grpc_cancel, proxy_grpc_close, proxy_grpc_send, proxy_grpc_stream,
  proxy_set_effective_context,
} from "./abi";

export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";

let pausedStream: u32 = 0;

function s(n: i64): string {
  return n.toString();
}

function header(name: string, fallback: string): string {
  const value = getHeader(0, name);
  return value != null ? value : fallback;
}

function serviceArgument(): ArrayBuffer {
  const hexed = getHeader(0, "x-service-hex");
  return hexed != null ? unhex(hexed) : enc(header("x-cluster", "grpc-echo"));
}

function resume(name: string, value: string): void {
  proxy_set_effective_context(pausedStream);
  addHeader(0, name, value);
  proxy_continue_stream(0);
}

export function proxy_on_context_create(id: u32, parent: u32): void {}

export function proxy_on_request_headers(ctx: u32, n: u32, eos: u32): u32 {
  const op = header("x-op", "");
  if (op == "") return 0;
  pausedStream = ctx;
  const service = serviceArgument();
  const name = enc(header("x-grpc-service", "test.Echo"));
  const method = enc(header("x-method", "Say"));
  const metadata = pairs(["X-Caller"], ["probe"]);
  if (op == "call" || op == "call-cancel") {
    const hexed = getHeader(0, "x-message-hex");
    const message = hexed != null ? unhex(hexed) : enc("ping");
    const timeout = <u32>parseInt(header("x-timeout", "1000"));
    const st = proxy_grpc_call(ptr(service), service.byteLength, ptr(name), name.byteLength, ptr(method), method.byteLength,
      ptr(metadata), metadata.byteLength, ptr(message), message.byteLength, timeout, RET_U32);
    const token = load<u32>(RET_U32);
    info("grpc_call st=" + s(st) + " token=" + s(st == 0 ? token : 0));
    if (op == "call-cancel") {
      info("cancel st=" + s(proxy_grpc_cancel(token)) + " again=" + s(proxy_grpc_cancel(token)) + " close=" + s(proxy_grpc_close(token)));
      return 0;
    }
    return st == 0 ? 1 : 0;
  }
  if (op == "stream") {
    const st = proxy_grpc_stream(ptr(service), service.byteLength, ptr(name), name.byteLength, ptr(method), method.byteLength,
      ptr(metadata), metadata.byteLength, RET_U32);
    const token = load<u32>(RET_U32);
    const a = enc("a");
    const b = enc("bc");
    const sa = proxy_grpc_send(token, ptr(a), a.byteLength, 0);
    const sb = proxy_grpc_send(token, ptr(b), b.byteLength, 1);
    info("grpc_stream st=" + s(st) + " token=" + s(token) + " send=" + s(sa) + "," + s(sb));
    return 1;
  }
  if (op == "checks") {
    const message = enc("x");
    const empty = enc("");
    const nowhere = enc("nowhere");
    const unknown = proxy_grpc_call(ptr(nowhere), nowhere.byteLength, ptr(name), name.byteLength, ptr(method), method.byteLength,
      ptr(metadata), metadata.byteLength, ptr(message), message.byteLength, 100, RET_U32);
    const emptyService = proxy_grpc_call(ptr(empty), 0, ptr(name), name.byteLength, ptr(method), method.byteLength,
      ptr(metadata), metadata.byteLength, ptr(message), message.byteLength, 100, RET_U32);
    const badMemory = proxy_grpc_call(0xfffffff0, 64, ptr(name), name.byteLength, ptr(method), method.byteLength, 0, 0, 0, 0, 100, RET_U32);
    const unknownStream = proxy_grpc_stream(ptr(nowhere), nowhere.byteLength, ptr(name), name.byteLength, ptr(method), method.byteLength, 0, 0, RET_U32);
    info("checks unknown=" + s(unknown) + " empty_service=" + s(emptyService) + " bad_memory=" + s(badMemory) +
      " unknown_stream=" + s(unknownStream) + " send_http_token=" + s(proxy_grpc_send(4, ptr(message), 1, 0)) +
      " send_call_token=" + s(proxy_grpc_send(5, ptr(message), 1, 0)) + " send_unknown_stream=" + s(proxy_grpc_send(102, ptr(message), 1, 0)) +
      " cancel_http_token=" + s(proxy_grpc_cancel(8)) + " close_unknown_call=" + s(proxy_grpc_close(101)));
    return 0;
  }
  return 0;
}

export function proxy_on_grpc_receive_initial_metadata(root: u32, token: u32, headers: u32): void {
  const value = getHeader(4, "x-served-by");
  info("initial_metadata token=" + s(token) + " headers=" + s(headers) + " x-served-by=" + (value != null ? value : "-"));
}

export function proxy_on_grpc_receive(root: u32, token: u32, size: u32): void {
  clearRet();
  const st = proxy_get_buffer_bytes(5, 0, size, RET_PTR, RET_SIZE);
  const message = st == 0 && load<u32>(RET_SIZE) > 0 ? returned() : "";
  info("grpc_receive root=" + s(root) + " token=" + s(token) + " size=" + s(size) + " message=" + message +
    " metadata_map=" + s(proxy_get_header_map_size(4, RET_U32)));
  if ((token & 3) == 1) resume("x-grpc-answer", message);
}

export function proxy_on_grpc_receive_trailing_metadata(root: u32, token: u32, trailers: u32): void {
  clearRet();
  proxy_get_header_map_pairs(5, RET_PTR, RET_SIZE);
  const value = getHeader(5, "x-cost");
  info("trailing_metadata token=" + s(token) + " trailers=" + s(trailers) + " x-cost=" + (value != null ? value : "-"));
}

export function proxy_on_grpc_close(root: u32, token: u32, code: u32): void {
  clearRet();
  const st = proxy_get_status(RET_U32, RET_PTR, RET_SIZE);
  const status = load<u32>(RET_U32);
  const message = load<u32>(RET_SIZE) > 0 ? returned() : "";
  const buffer = proxy_get_buffer_bytes(5, 0, 10, RET_PTR, RET_SIZE);
  info("grpc_close token=" + s(token) + " code=" + s(code) + " get_status=" + s(st) + "/" + s(status) + " message=" + message +
    " buffer=" + s(buffer));
  resume("x-grpc-status", s(code));
}
