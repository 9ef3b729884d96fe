// Raw proxy-wasm ABI 0.2.1 imports and small helpers for the host's test filters (AssemblyScript, no SDK).
// Filters import this file and re-export the marker and allocator they want the module to have.

// @ts-ignore: decorator
@external("env", "proxy_log")
export declare function proxy_log(level: i32, ptr: usize, size: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_log_level")
export declare function proxy_get_log_level(ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_current_time_nanoseconds")
export declare function proxy_get_current_time_nanoseconds(ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_tick_period_milliseconds")
export declare function proxy_set_tick_period_milliseconds(ms: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_buffer_bytes")
export declare function proxy_get_buffer_bytes(type: i32, start: u32, max: u32, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_buffer_status")
export declare function proxy_get_buffer_status(type: i32, retSize: usize, retFlags: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_buffer_bytes")
export declare function proxy_set_buffer_bytes(type: i32, start: u32, size: u32, ptr: usize, len: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_header_map_size")
export declare function proxy_get_header_map_size(map: i32, ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_header_map_pairs")
export declare function proxy_get_header_map_pairs(map: i32, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_header_map_pairs")
export declare function proxy_set_header_map_pairs(map: i32, ptr: usize, size: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_header_map_value")
export declare function proxy_get_header_map_value(map: i32, kp: usize, ks: usize, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_add_header_map_value")
export declare function proxy_add_header_map_value(map: i32, kp: usize, ks: usize, vp: usize, vs: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_replace_header_map_value")
export declare function proxy_replace_header_map_value(map: i32, kp: usize, ks: usize, vp: usize, vs: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_remove_header_map_value")
export declare function proxy_remove_header_map_value(map: i32, kp: usize, ks: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_continue_stream")
export declare function proxy_continue_stream(type: i32): i32;
// @ts-ignore: decorator
@external("env", "proxy_close_stream")
export declare function proxy_close_stream(type: i32): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_status")
export declare function proxy_get_status(code: usize, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_send_local_response")
export declare function proxy_send_local_response(status: u32, dp: usize, ds: usize, bp: usize, bs: usize, hp: usize, hs: usize, grpc: i32): i32;
// @ts-ignore: decorator
@external("env", "proxy_http_call")
export declare function proxy_http_call(up: usize, us: usize, hp: usize, hs: usize, bp: usize, bs: usize, tp: usize, ts: usize, timeout: u32, token: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_grpc_call")
export declare function proxy_grpc_call(a: usize, b: usize, c: usize, d: usize, e: usize, f: usize, g: usize, h: usize, i: usize, j: usize, timeout: u32, token: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_grpc_cancel")
export declare function proxy_grpc_cancel(token: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_grpc_stream")
export declare function proxy_grpc_stream(a: usize, b: usize, c: usize, d: usize, e: usize, f: usize, g: usize, h: usize, token: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_grpc_send")
export declare function proxy_grpc_send(token: u32, ptr: usize, size: usize, endStream: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_grpc_close")
export declare function proxy_grpc_close(token: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_shared_data")
export declare function proxy_set_shared_data(kp: usize, ks: usize, vp: usize, vs: usize, cas: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_shared_data")
export declare function proxy_get_shared_data(kp: usize, ks: usize, retPtr: usize, retSize: usize, retCas: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_register_shared_queue")
export declare function proxy_register_shared_queue(np: usize, ns: usize, ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_resolve_shared_queue")
export declare function proxy_resolve_shared_queue(vp: usize, vs: usize, np: usize, ns: usize, ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_enqueue_shared_queue")
export declare function proxy_enqueue_shared_queue(token: u32, ptr: usize, size: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_dequeue_shared_queue")
export declare function proxy_dequeue_shared_queue(token: u32, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_define_metric")
export declare function proxy_define_metric(type: i32, np: usize, ns: usize, ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_increment_metric")
export declare function proxy_increment_metric(id: u32, delta: i64): i32;
// @ts-ignore: decorator
@external("env", "proxy_record_metric")
export declare function proxy_record_metric(id: u32, value: u64): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_metric")
export declare function proxy_get_metric(id: u32, ret: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_get_property")
export declare function proxy_get_property(pp: usize, ps: usize, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_property")
export declare function proxy_set_property(pp: usize, ps: usize, vp: usize, vs: usize): i32;
// @ts-ignore: decorator
@external("env", "proxy_set_effective_context")
export declare function proxy_set_effective_context(id: u32): i32;
// @ts-ignore: decorator
@external("env", "proxy_done")
export declare function proxy_done(): i32;
// @ts-ignore: decorator
@external("env", "proxy_call_foreign_function")
export declare function proxy_call_foreign_function(np: usize, ns: usize, ap: usize, as: usize, retPtr: usize, retSize: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: i32, iovs: usize, iovsLen: usize, written: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "clock_time_get")
export declare function clock_time_get(id: i32, precision: u64, ret: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "environ_sizes_get")
export declare function environ_sizes_get(count: usize, size: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "environ_get")
export declare function environ_get(array: usize, buf: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "random_get")
export declare function random_get(buf: usize, len: usize): i32;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "proc_exit")
export declare function proc_exit(code: i32): void;
// @ts-ignore: decorator
@external("wasi_unstable", "fd_read")
export declare function fd_read_unstable(fd: i32, iovs: usize, iovsLen: usize, read: usize): i32;

export function proxy_abi_version_0_2_1(): void {}

export function proxy_on_memory_allocate(size: usize): usize {
  return heap.alloc(size);
}

// Result slots the host writes through.
export const RET_PTR: usize = memory.data(4);
export const RET_SIZE: usize = memory.data(4);
export const RET_U32: usize = memory.data(4);
export const RET_U64: usize = memory.data(8, 8);

export function enc(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

export function ptr(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}

export function log(level: i32, message: string): i32 {
  const b = enc(message);
  return proxy_log(level, ptr(b), b.byteLength);
}

export function info(message: string): void {
  log(2, message);
}

/** The buffer the host just returned through RET_PTR/RET_SIZE, as a string. */
export function returned(): string {
  return String.UTF8.decodeUnsafe(load<u32>(RET_PTR), load<u32>(RET_SIZE));
}

export function clearRet(): void {
  store<u32>(RET_PTR, 0xdeadbeef);
  store<u32>(RET_SIZE, 0xdeadbeef);
}

export let lastStatus: i32 = 0;

export function getHeader(map: i32, key: string): string | null {
  const k = enc(key);
  lastStatus = proxy_get_header_map_value(map, ptr(k), k.byteLength, RET_PTR, RET_SIZE);
  return lastStatus == 0 ? returned() : null;
}

export function addHeader(map: i32, key: string, value: string): i32 {
  const k = enc(key);
  const v = enc(value);
  return proxy_add_header_map_value(map, ptr(k), k.byteLength, ptr(v), v.byteLength);
}

export function replaceHeader(map: i32, key: string, value: string): i32 {
  const k = enc(key);
  const v = enc(value);
  return proxy_replace_header_map_value(map, ptr(k), k.byteLength, ptr(v), v.byteLength);
}

export function removeHeader(map: i32, key: string): i32 {
  const k = enc(key);
  return proxy_remove_header_map_value(map, ptr(k), k.byteLength);
}

export function getProperty(path: string): string | null {
  const p = enc(path);
  lastStatus = proxy_get_property(ptr(p), p.byteLength, RET_PTR, RET_SIZE);
  return lastStatus == 0 ? returned() : null;
}

/** Reads a property as raw bytes, returned as lowercase hex. */
export function getPropertyHex(path: string): string {
  const p = enc(path);
  lastStatus = proxy_get_property(ptr(p), p.byteLength, RET_PTR, RET_SIZE);
  return lastStatus == 0 ? hex(load<u32>(RET_PTR), load<u32>(RET_SIZE)) : "";
}

const HEX = "0123456789abcdef";

export function hex(p: usize, n: usize): string {
  let s = "";
  for (let i: usize = 0; i < n; i++) {
    const b = load<u8>(p + i);
    s += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return s;
}

export function unhex(s: string): ArrayBuffer {
  const out = new ArrayBuffer(s.length >> 1);
  for (let i = 0; i < s.length >> 1; i++) {
    const hi = HEX.indexOf(s.charAt(2 * i));
    const lo = HEX.indexOf(s.charAt(2 * i + 1));
    store<u8>(ptr(out) + i, <u8>((hi << 4) | lo));
  }
  return out;
}

/** Serializes pairs in the wire format the host expects. */
export function pairs(keys: string[], values: string[]): ArrayBuffer {
  let size = 4;
  for (let i = 0; i < keys.length; i++) size += 8 + String.UTF8.byteLength(keys[i]) + 1 + String.UTF8.byteLength(values[i]) + 1;
  const out = new ArrayBuffer(size);
  const base = ptr(out);
  store<u32>(base, keys.length);
  let at = base + 4;
  for (let i = 0; i < keys.length; i++) {
    store<u32>(at, String.UTF8.byteLength(keys[i]));
    store<u32>(at + 4, String.UTF8.byteLength(values[i]));
    at += 8;
  }
  for (let i = 0; i < keys.length; i++) {
    const k = enc(keys[i]);
    memory.copy(at, ptr(k), k.byteLength);
    at += k.byteLength;
    store<u8>(at++, 0);
    const v = enc(values[i]);
    memory.copy(at, ptr(v), v.byteLength);
    at += v.byteLength;
    store<u8>(at++, 0);
  }
  return out;
}
