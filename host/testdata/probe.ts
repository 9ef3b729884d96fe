// A test filter written directly against the ABI. Each stream picks an operation with the request header x-op;
// the plugin configuration picks root-level behaviour. Results are reported as log lines the tests match.

import {
  RET_PTR, RET_SIZE, RET_U32, RET_U64, addHeader, clearRet, enc, getHeader, getProperty, getPropertyHex, hex, info,
  lastStatus, log, pairs, ptr, removeHeader, replaceHeader, returned, unhex,
  proxy_call_foreign_function, proxy_close_stream, proxy_continue_stream, proxy_define_metric,
  proxy_dequeue_shared_queue, proxy_done, proxy_enqueue_shared_queue, proxy_get_buffer_bytes,
  proxy_get_buffer_status, proxy_get_current_time_nanoseconds, proxy_get_header_map_pairs,
  proxy_get_header_map_size, proxy_get_header_map_value, proxy_get_log_level, proxy_get_metric,
  proxy_get_shared_data, proxy_get_status, proxy_grpc_call, proxy_grpc_cancel, proxy_http_call,
  proxy_increment_metric, proxy_record_metric, proxy_register_shared_queue, proxy_resolve_shared_queue,
  proxy_send_local_response, proxy_set_buffer_bytes, proxy_set_effective_context, proxy_set_header_map_pairs,
  proxy_set_property, proxy_set_shared_data, proxy_set_tick_period_milliseconds,
  fd_write, clock_time_get, environ_sizes_get, environ_get, random_get, proc_exit, fd_read_unstable,
} from "./abi";

export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";

const ops = new Map<u32, string>();
const rootConfigs = new Map<u32, string>();
let rootId: u32 = 0;
let config: string = "";
let pausedStream: u32 = 0;
let queueToken: u32 = 0;
let ticks: i32 = 0;

function s(n: i64): string {
  return n.toString();
}

function prop(path: string): string {
  const value = getProperty(path);
  return value != null ? value : "-";
}

function opOf(ctx: u32): string {
  return ops.has(ctx) ? ops.get(ctx) : "";
}

// ---- root context ----

export function proxy_on_context_create(id: u32, parent: u32): void {
  if (parent == 0) {
    rootId = id;
    const st = proxy_get_buffer_bytes(7, 0, 1000, RET_PTR, RET_SIZE);
    info("root-create " + s(id) + " buffer7=" + s(st));
  } else {
    info("create " + s(id) + " parent=" + s(parent));
  }
}

export function proxy_on_vm_start(root: u32, size: u32): u32 {
  const st7 = proxy_get_buffer_bytes(7, 0, 1000, RET_PTR, RET_SIZE);
  clearRet();
  const st6 = proxy_get_buffer_bytes(6, 0, 1000, RET_PTR, RET_SIZE);
  const vmConfig = st6 == 0 && load<u32>(RET_SIZE) > 0 ? returned() : "";
  info("vm_start root=" + s(root) + " size=" + s(size) + " buffer7=" + s(st7) + " vm_config=" + vmConfig);
  return vmConfig == "reject-start" ? 0 : 1;
}

export function proxy_on_configure(root: u32, size: u32): u32 {
  clearRet();
  const st = proxy_get_buffer_bytes(7, 0, size, RET_PTR, RET_SIZE);
  config = st == 0 && load<u32>(RET_SIZE) > 0 ? returned() : "";
  info("configure root=" + s(root) + " size=" + s(size) + " config=" + config);
  rootConfigs.set(root, config);
  if (config == "finish-later") proxy_set_tick_period_milliseconds(10);
  if (config == "reject") return 0;
  if (config == "trap-configure") unreachable();
  if (config.startsWith("tick:")) proxy_set_tick_period_milliseconds(<u32>parseInt(config.substring(5)));
  if (config == "queue") {
    const name = enc("jobs");
    const rst = proxy_register_shared_queue(ptr(name), name.byteLength, RET_U32);
    queueToken = load<u32>(RET_U32);
    info("queue registered st=" + s(rst) + " token=" + s(queueToken));
  }
  if (config == "shared-writer") {
    const k = enc("written-in-configure");
    const v = enc("yes");
    proxy_set_shared_data(ptr(k), k.byteLength, ptr(v), v.byteLength, 0);
  }
  return 1;
}

export function proxy_on_tick(root: u32): void {
  ticks++;
  proxy_get_current_time_nanoseconds(RET_U64);
  const ms = load<u64>(RET_U64) / 1000000;
  info("tick root=" + s(root) + " n=" + s(ticks) + " ms=" + ms.toString());
  if (config == "tick:100" && ticks == 3) proxy_set_tick_period_milliseconds(0);
  if (config == "tick:50" && ticks == 2) proxy_set_tick_period_milliseconds(200);
  // A root whose proxy_on_done returned 0 finishes on its next tick.
  if (rootConfigs.has(root) && rootConfigs.get(root) == "finish-later") info("proxy_done st=" + s(proxy_done()));
}

export function proxy_on_queue_ready(root: u32, token: u32): void {
  const st = proxy_dequeue_shared_queue(token, RET_PTR, RET_SIZE);
  const item = st == 0 ? returned() : "";
  const again = proxy_dequeue_shared_queue(token, RET_PTR, RET_SIZE);
  info("queue_ready root=" + s(root) + " token=" + s(token) + " item=" + item + " st=" + s(st) + " again=" + s(again));
}

export function proxy_on_http_call_response(root: u32, token: u32, headers: u32, body: u32, trailers: u32): void {
  info("call_response root=" + s(root) + " token=" + s(token) + " headers=" + s(headers) + " body=" + s(body) + " trailers=" + s(trailers));
  // The root context has no request map: BadArgument until the effective context is the stream.
  const before = addHeader(0, "x-too-early", "1");
  let status = "";
  if (headers == 0) {
    clearRet();
    const st = proxy_get_status(RET_U32, RET_PTR, RET_SIZE);
    info("call failed st=" + s(st) + " code=" + s(load<u32>(RET_U32)) + " message=" + returned());
    status = "failed";
  } else {
    const code = getHeader(6, ":status");
    status = code != null ? code : "?";
    const bst = proxy_get_buffer_bytes(4, 0, body, RET_PTR, RET_SIZE);
    const text = bst == 0 && load<u32>(RET_SIZE) > 0 ? returned() : "";
    const tr = getHeader(7, "x-trailer");
    info("call ok status=" + status + " body=" + text + " trailer=" + (tr != null ? tr : "-") + " add6=" + s(addHeader(6, "x", "y")));
  }
  const eff = proxy_set_effective_context(pausedStream);
  const after = addHeader(0, "x-auth-status", status);
  const cont = proxy_continue_stream(0);
  info("resumed before=" + s(before) + " eff=" + s(eff) + " after=" + s(after) + " continue=" + s(cont));
}

// ---- stream context ----

export function proxy_on_request_headers(ctx: u32, n: u32, eos: u32): u32 {
  const found = getHeader(0, "x-op");
  const op = found != null ? found : "";
  ops.set(ctx, op);
  info("request_headers ctx=" + s(ctx) + " n=" + s(n) + " eos=" + s(eos));
  if (op == "") return 0;
  if (op == "pairs-hex") {
    clearRet();
    const st = proxy_get_header_map_pairs(0, RET_PTR, RET_SIZE);
    info("pairs st=" + s(st) + " hex=" + hex(load<u32>(RET_PTR), load<u32>(RET_SIZE)));
  } else if (op == "set-pairs") {
    const b = unhex(getHeader(0, "x-pairs-hex")!);
    info("set_pairs st=" + s(proxy_set_header_map_pairs(0, ptr(b), b.byteLength)));
  } else if (op == "get-values") {
    const first = getHeader(0, "X-Dup");
    const missing = getHeader(0, "x-missing");
    const missingSt = lastStatus;
    clearRet();
    const k = enc("x-empty");
    const est = proxy_get_header_map_value(0, ptr(k), k.byteLength, RET_PTR, RET_SIZE);
    info("values first=" + first! + " missing=" + s(missingSt) + (missing == null ? "" : "!") +
      " empty=" + s(est) + "/" + s(load<u32>(RET_PTR)) + "/" + s(load<u32>(RET_SIZE)) +
      " bad_map=" + s(proxy_get_header_map_value(8, ptr(k), k.byteLength, RET_PTR, RET_SIZE)) +
      " bad_mem=" + s(proxy_get_header_map_value(0, 0xfffffff0, 8, RET_PTR, RET_SIZE)));
  } else if (op == "sizes") {
    const st0 = proxy_get_header_map_size(0, RET_U32);
    const size0 = load<u32>(RET_U32);
    info("sizes req=" + s(st0) + "/" + s(size0) + " resp=" + s(proxy_get_header_map_size(2, RET_U32)) +
      " trailers=" + s(proxy_get_header_map_size(1, RET_U32)) + " call=" + s(proxy_get_header_map_size(6, RET_U32)) +
      " bad=" + s(proxy_get_header_map_size(9, RET_U32)));
    clearRet();
    const pst = proxy_get_header_map_pairs(2, RET_PTR, RET_SIZE);
    info("resp_pairs st=" + s(pst) + " ptr=" + s(load<u32>(RET_PTR)) + " size=" + s(load<u32>(RET_SIZE)));
  } else if (op == "mutate") {
    info("mutate add=" + s(addHeader(0, "X-New", "1")) + " replace=" + s(replaceHeader(0, "x-rep", "r2")) +
      " remove=" + s(removeHeader(0, "x-del")) + " path=" + s(replaceHeader(0, ":path", "/rewritten")) +
      " resp_add=" + s(addHeader(2, "x-nope", "1")) + " remove_absent=" + s(removeHeader(0, "x-never")));
  } else if (op == "local" || op == "local-grpc") {
    const details = enc("denied by probe");
    const body = enc("nope");
    const headers = pairs(["X-Why"], ["probe"]);
    const st = proxy_send_local_response(403, ptr(details), details.byteLength, ptr(body), body.byteLength, ptr(headers), headers.byteLength, op == "local-grpc" ? 7 : -1);
    info("local st=" + s(st));
    return 0; // forced to stop by the host anyway
  } else if (op == "local-bad-headers") {
    const details = enc("bad");
    const junk = enc("garbage");
    proxy_send_local_response(401, ptr(details), details.byteLength, 0, 0, ptr(junk), junk.byteLength, -1);
  } else if (op == "pause") {
    return 1;
  } else if (op == "continue-inside") {
    const st = proxy_continue_stream(0);
    const after = getHeader(0, ":path");
    info("continue-inside st=" + s(st) + " after=" + s(lastStatus) + (after == null ? "" : "!"));
    return 1;
  } else if (op == "pause-call" || op == "call-failing" || op == "call-timeout") {
    pausedStream = ctx;
    const cluster = enc(op == "pause-call" ? "auth" : op == "call-failing" ? "broken" : "slow");
    const headers = pairs([":method", ":path", ":authority"], ["GET", "/check", "auth.local"]);
    const body = enc("who?");
    const trailers = pairs([], []);
    const st = proxy_http_call(ptr(cluster), cluster.byteLength, ptr(headers), headers.byteLength, ptr(body), body.byteLength, ptr(trailers), trailers.byteLength, 1000, RET_U32);
    info("http_call st=" + s(st) + " token=" + s(load<u32>(RET_U32)));
    return 1;
  } else if (op == "call-bad") {
    const unknown = enc("nowhere");
    const good = enc("auth");
    const full = pairs([":method", ":path", ":authority"], ["GET", "/", "a"]);
    const partial = pairs([":method", ":path"], ["GET", "/"]);
    const st1 = proxy_http_call(ptr(unknown), unknown.byteLength, ptr(full), full.byteLength, 0, 0, 0, 0, 0, RET_U32);
    const st2 = proxy_http_call(ptr(good), good.byteLength, ptr(partial), partial.byteLength, 0, 0, 0, 0, 0, RET_U32);
    const st3 = proxy_http_call(ptr(good), good.byteLength, ptr(full), full.byteLength, 0, 0, 0, 0, <u32>-5, RET_U32);
    const st4 = proxy_http_call(ptr(good), good.byteLength, ptr(full), full.byteLength, 0, 0, 0, 0, 0, 0xfffffff0);
    info("call-bad cluster=" + s(st1) + " headers=" + s(st2) + " timeout=" + s(st3) + " token_ptr=" + s(st4));
  } else if (op == "metrics") {
    const c = enc("requests_total");
    const g = enc("active");
    const h = enc("latency_ms");
    const cst = proxy_define_metric(0, ptr(c), c.byteLength, RET_U32);
    const cid = load<u32>(RET_U32);
    proxy_define_metric(1, ptr(g), g.byteLength, RET_U32);
    const gid = load<u32>(RET_U32);
    proxy_define_metric(2, ptr(h), h.byteLength, RET_U32);
    const hid = load<u32>(RET_U32);
    const bad = proxy_define_metric(3, ptr(c), c.byteLength, RET_U32);
    const inc = proxy_increment_metric(cid, 2);
    const inc0 = proxy_increment_metric(cid, 0);
    const incNeg = proxy_increment_metric(cid, -1);
    proxy_get_metric(cid, RET_U64);
    const cval = load<u64>(RET_U64);
    proxy_increment_metric(gid, 5);
    proxy_increment_metric(gid, -2);
    proxy_get_metric(gid, RET_U64);
    const gval = load<u64>(RET_U64);
    const rec = proxy_record_metric(gid, 42);
    proxy_get_metric(gid, RET_U64);
    const gset = load<u64>(RET_U64);
    const hrec = proxy_record_metric(hid, 7);
    const hget = proxy_get_metric(hid, RET_U64);
    const hinc = proxy_increment_metric(hid, 1);
    const unknown = proxy_get_metric(1000, RET_U64);
    info("metrics ids=" + s(cid) + "," + s(gid) + "," + s(hid) + " define=" + s(cst) + " bad_type=" + s(bad) +
      " inc=" + s(inc) + " inc0=" + s(inc0) + " inc_neg=" + s(incNeg) + " counter=" + cval.toString() +
      " gauge=" + gval.toString() + " record=" + s(rec) + " gauge_set=" + gset.toString() +
      " hist_record=" + s(hrec) + " hist_get=" + s(hget) + " hist_inc=" + s(hinc) + " unknown=" + s(unknown));
  } else if (op == "shared") {
    const k = enc("k");
    const v1 = enc("v1");
    const v2 = enc("v2");
    const v3 = enc("v3");
    const miss = proxy_get_shared_data(ptr(k), k.byteLength, RET_PTR, RET_SIZE, RET_U32);
    const set1 = proxy_set_shared_data(ptr(k), k.byteLength, ptr(v1), v1.byteLength, 0);
    proxy_get_shared_data(ptr(k), k.byteLength, RET_PTR, RET_SIZE, RET_U32);
    const cas1 = load<u32>(RET_U32);
    const got1 = returned();
    const set2 = proxy_set_shared_data(ptr(k), k.byteLength, ptr(v2), v2.byteLength, cas1);
    const set3 = proxy_set_shared_data(ptr(k), k.byteLength, ptr(v3), v3.byteLength, cas1);
    proxy_get_shared_data(ptr(k), k.byteLength, RET_PTR, RET_SIZE, RET_U32);
    const got2 = returned();
    const w = enc("written-in-configure");
    const wst = proxy_get_shared_data(ptr(w), w.byteLength, RET_PTR, RET_SIZE, RET_U32);
    info("shared miss=" + s(miss) + " set1=" + s(set1) + " got1=" + got1 + " cas1=" + s(cas1) + " set2=" + s(set2) +
      " stale=" + s(set3) + " got2=" + got2 + " cas2=" + s(load<u32>(RET_U32)) + " configure_write=" + s(wst));
  } else if (op == "queue") {
    const vm = enc("");
    const other = enc("other-vm");
    const name = enc("jobs");
    const nope = enc("nope");
    const rst = proxy_resolve_shared_queue(ptr(vm), 0, ptr(name), name.byteLength, RET_U32);
    const token = load<u32>(RET_U32);
    const item = enc("job-1");
    const est = proxy_enqueue_shared_queue(token, ptr(item), item.byteLength);
    const missing = proxy_resolve_shared_queue(ptr(vm), 0, ptr(nope), nope.byteLength, RET_U32);
    const otherVm = proxy_resolve_shared_queue(ptr(other), other.byteLength, ptr(name), name.byteLength, RET_U32);
    const badDequeue = proxy_dequeue_shared_queue(9999, RET_PTR, RET_SIZE);
    const badEnqueue = proxy_enqueue_shared_queue(9999, ptr(item), item.byteLength);
    info("queue resolve=" + s(rst) + " token=" + s(token) + " enqueue=" + s(est) + " missing=" + s(missing) +
      " other_vm=" + s(otherVm) + " bad_dequeue=" + s(badDequeue) + " bad_enqueue=" + s(badEnqueue));
  } else if (op == "properties") {
    const v = enc("custom-value");
    const p = enc("my.prop");
    const setSt = proxy_set_property(ptr(p), p.byteLength, ptr(v), v.byteLength);
    info("props name=" + prop("plugin_name") + " root=" + prop("plugin_root_id") + " vm=" + prop("plugin_vm_id") +
      " path=" + prop("request\0path") + " url_path=" + prop("request\0url_path") +
      " query=" + prop("request\0query") + " method=" + prop("request\0method") +
      " host=" + prop("request\0host") + " id=" + prop("request\0id") +
      " header=" + prop("request\0headers\0x-op") + " source=" + prop("source\0address") +
      " source_port=" + getPropertyHex("source\0port") + " destination=" + prop("destination\0address") +
      " mtls=" + getPropertyHex("connection\0mtls") + " san=" + prop("connection\0uri_san_peer_certificate") +
      " trailing_nul=" + prop("plugin_name\0"));
    getProperty("response\0code");
    const codeSt = lastStatus;
    getProperty("request.path");
    const dottedSt = lastStatus;
    const custom = prop("xds\0cluster_name");
    const own = prop("my.prop");
    const time = getPropertyHex("request\0time");
    info("props2 response_code=" + s(codeSt) + " dotted=" + s(dottedSt) +
      " custom=" + custom + " set=" + s(setSt) + " own=" + own + " time=" + time +
      " headers_size=" + getPropertyHex("request\0headers_bytes"));
  } else if (op == "buffers") {
    clearRet();
    const b0 = proxy_get_buffer_bytes(0, 0, 100, RET_PTR, RET_SIZE);
    const b0ptr = load<u32>(RET_PTR);
    const b0size = load<u32>(RET_SIZE);
    const data = enc("x");
    info("buffers body=" + s(b0) + "/" + s(b0ptr) + "/" + s(b0size) +
      " body_status=" + s(proxy_get_buffer_status(0, RET_U32, RET_U64)) + "/" + s(load<u32>(RET_U32)) +
      " set_body=" + s(proxy_set_buffer_bytes(0, 0, 0, ptr(data), 1)) +
      " plugin_config=" + s(proxy_get_buffer_bytes(7, 0, 100, RET_PTR, RET_SIZE)) +
      " call_body=" + s(proxy_get_buffer_bytes(4, 0, 100, RET_PTR, RET_SIZE)) +
      " bad=" + s(proxy_get_buffer_bytes(9, 0, 100, RET_PTR, RET_SIZE)) +
      " vm_config=" + s(proxy_get_buffer_bytes(6, 0, 100, RET_PTR, RET_SIZE)) +
      " set_vm_config=" + s(proxy_set_buffer_bytes(6, 0, 0, ptr(data), 1)));
  } else if (op == "system") {
    proxy_get_log_level(RET_U32);
    const level = load<u32>(RET_U32);
    const badLevel = log(6, "never");
    const debug = log(1, "debug line");
    const e1 = proxy_set_effective_context(9999);
    const e2 = proxy_set_effective_context(rootId);
    const rootAdd = addHeader(0, "x-from-root", "1");
    const e3 = proxy_set_effective_context(ctx);
    const streamAdd = addHeader(0, "x-from-stream", "1");
    info("system level=" + s(level) + " bad_level=" + s(badLevel) + " debug=" + s(debug) + " eff_bad=" + s(e1) +
      " eff_root=" + s(e2) + " root_add=" + s(rootAdd) + " eff_back=" + s(e3) + " stream_add=" + s(streamAdd) +
      " done=" + s(proxy_done()) + " continue_upstream=" + s(proxy_continue_stream(3)) +
      " continue_downstream=" + s(proxy_continue_stream(2)) + " continue_bad=" + s(proxy_continue_stream(7)) +
      " close_bad=" + s(proxy_close_stream(9)));
  } else if (op == "foreign") {
    const text = enc("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const compress = enc("compress");
    const uncompress = enc("uncompress");
    const missing = enc("no_such_function");
    const sign = enc("sign");
    const cst = proxy_call_foreign_function(ptr(compress), compress.byteLength, ptr(text), text.byteLength, RET_PTR, RET_SIZE);
    const cptr = load<u32>(RET_PTR);
    const csize = load<u32>(RET_SIZE);
    const ust = proxy_call_foreign_function(ptr(uncompress), uncompress.byteLength, cptr, csize, RET_PTR, RET_SIZE);
    const roundTrip = returned();
    info("foreign compress=" + s(cst) + "/" + s(csize) + " uncompress=" + s(ust) + " same=" + (roundTrip == String.UTF8.decode(text) ? "yes" : "no") +
      " missing=" + s(proxy_call_foreign_function(ptr(missing), missing.byteLength, 0, 0, RET_PTR, RET_SIZE)) +
      " sign=" + s(proxy_call_foreign_function(ptr(sign), sign.byteLength, 0, 0, RET_PTR, RET_SIZE)) +
      " grpc=" + s(proxy_grpc_call(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, RET_U32)) +
      " grpc_cancel_http_token=" + s(proxy_grpc_cancel(4)) + " grpc_cancel_call_token=" + s(proxy_grpc_cancel(5)));
  } else if (op == "wasi") {
    const line = enc("hello from stdout\n");
    const iov = memory.data(8);
    store<u32>(iov, ptr(line));
    store<u32>(iov + 4, line.byteLength);
    const w1 = fd_write(1, iov, 1, RET_U32);
    const written = load<u32>(RET_U32);
    const errLine = enc("oops on stderr");
    store<u32>(iov, ptr(errLine));
    store<u32>(iov + 4, errLine.byteLength);
    const w2 = fd_write(2, iov, 1, RET_U32);
    const w3 = fd_write(3, iov, 1, RET_U32);
    const c0 = clock_time_get(0, 1, RET_U64);
    const realMs = load<u64>(RET_U64) / 1000000;
    const c5 = clock_time_get(5, 1, RET_U64);
    environ_sizes_get(RET_U32, RET_SIZE);
    const envCount = load<u32>(RET_U32);
    const envSize = load<u32>(RET_SIZE);
    const envArray = heap.alloc(envCount * 4);
    const envBuf = heap.alloc(envSize);
    environ_get(envArray, envBuf);
    const firstEnv = envCount > 0 ? String.UTF8.decodeUnsafe(load<u32>(envArray), envSize, true) : "";
    const rnd = random_get(heap.alloc(16), 16);
    const rndBig = random_get(heap.alloc(16), 70000);
    const rd = fd_read_unstable(0, iov, 1, RET_U32);
    proc_exit(3);
    info("wasi stdout=" + s(w1) + "/" + s(written) + " stderr=" + s(w2) + " badfd=" + s(w3) + " clock=" + s(c0) + "/" + realMs.toString() +
      " clock5=" + s(c5) + " env=" + s(envCount) + ":" + firstEnv + " random=" + s(rnd) + " random_big=" + s(rndBig) + " read=" + s(rd) + " after_exit=yes");
  } else if (op == "close") {
    info("close st=" + s(proxy_close_stream(0)));
  } else if (op == "trap") {
    unreachable();
  } else if (op == "local-then-trap") {
    const details = enc("mine");
    proxy_send_local_response(418, ptr(details), details.byteLength, 0, 0, 0, 0, -1);
    unreachable();
  } else if (op == "oob") {
    info("oob " + s(load<u32>(0xfffffff0)));
  } else if (op == "stack") {
    info("stack " + s(recurse(1)));
  }
  return 0;
}

function recurse(n: i32): i32 {
  return recurse(n + 1) + 1;
}

export function proxy_on_request_body(ctx: u32, size: u32, eos: u32): u32 {
  const op = opOf(ctx);
  info("request_body ctx=" + s(ctx) + " size=" + s(size) + " eos=" + s(eos));
  const headerSt = getHeader(0, ":path") == null ? lastStatus : 0;
  if (op == "body-replace") {
    const b = enc("replaced");
    info("body set=" + s(proxy_set_buffer_bytes(0, 0, size, ptr(b), b.byteLength)) + " headers=" + s(headerSt));
  } else if (op == "body-edit") {
    const pre = enc("<");
    const post = enc(">");
    const mid = enc("!");
    info("body prepend=" + s(proxy_set_buffer_bytes(0, 0, 0, ptr(pre), 1)) + " append=" + s(proxy_set_buffer_bytes(0, 1000, 0, ptr(post), 1)) +
      " middle=" + s(proxy_set_buffer_bytes(0, 2, 1, ptr(mid), 1)));
  } else if (op == "body-read") {
    clearRet();
    const all = proxy_get_buffer_bytes(0, 0, size, RET_PTR, RET_SIZE);
    const text = returned();
    const part = proxy_get_buffer_bytes(0, 2, 100, RET_PTR, RET_SIZE);
    const rest = returned();
    const past = proxy_get_buffer_bytes(0, 1000, 5, RET_PTR, RET_SIZE);
    info("body all=" + s(all) + ":" + text + " part=" + s(part) + ":" + rest + " past=" + s(past) + "/" + s(load<u32>(RET_PTR)) + "/" + s(load<u32>(RET_SIZE)) +
      " status=" + s(proxy_get_buffer_status(0, RET_U32, RET_U64)) + "/" + s(load<u32>(RET_U32)));
  } else if (op == "body-buffer") {
    if (eos == 0) return 1;
    clearRet();
    proxy_get_buffer_bytes(0, 0, size, RET_PTR, RET_SIZE);
    info("buffered=" + returned());
  } else if (op == "body-trailers") {
    info("add trailer=" + s(addHeader(1, "x-added-trailer", "t")));
  } else if (op == "body-stop") {
    return 2;
  }
  return 0;
}

export function proxy_on_request_trailers(ctx: u32, n: u32): u32 {
  info("request_trailers ctx=" + s(ctx) + " n=" + s(n) + " value=" + (getHeader(1, "x-t") != null ? returned() : "-"));
  return 0;
}

export function proxy_on_response_headers(ctx: u32, n: u32, eos: u32): u32 {
  const op = opOf(ctx);
  const status = getHeader(2, ":status");
  info("response_headers ctx=" + s(ctx) + " n=" + s(n) + " eos=" + s(eos) + " status=" + (status != null ? status : "-"));
  addHeader(2, "x-probe", op == "" ? "none" : op);
  if (op == "resp-status") replaceHeader(2, ":status", "201");
  if (op == "req-in-resp") info("req_in_resp=" + s(getHeader(0, ":path") == null ? lastStatus : 0));
  if (op == "trap-response") unreachable();
  if (op == "local-in-response") {
    const details = enc("late");
    proxy_send_local_response(500, ptr(details), details.byteLength, 0, 0, 0, 0, -1);
  }
  return 0;
}

export function proxy_on_response_body(ctx: u32, size: u32, eos: u32): u32 {
  const op = opOf(ctx);
  info("response_body ctx=" + s(ctx) + " size=" + s(size) + " eos=" + s(eos));
  if (op == "resp-body") {
    const b = enc("filtered");
    proxy_set_buffer_bytes(1, 0, size, ptr(b), b.byteLength);
  }
  if (op == "trap-response-body") unreachable();
  return 0;
}

export function proxy_on_response_trailers(ctx: u32, n: u32): u32 {
  info("response_trailers ctx=" + s(ctx) + " n=" + s(n));
  return 0;
}

export function proxy_on_done(ctx: u32): u32 {
  info("done " + s(ctx));
  if (rootConfigs.has(ctx) && rootConfigs.get(ctx) == "finish-later") return 0;
  return 1;
}

export function proxy_on_log(ctx: u32): void {
  const path = getHeader(0, ":path");
  const status = getHeader(2, ":status");
  info("log " + s(ctx) + " path=" + (path != null ? path : "-") + " status=" + (status != null ? status : "-") +
    " add=" + s(addHeader(0, "x", "y")) + " code=" + getPropertyHex("response\0code"));
}

export function proxy_on_delete(ctx: u32): void {
  info("delete " + s(ctx));
}
