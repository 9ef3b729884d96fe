// Typed `authz:` answers served to a filter, over HTTP (proxy_http_call) and gRPC (Check), and `expect: authz:`
// checked against what the filter sent. The filter is a raw-ABI ext-authz client written here, run as
// `filterc test --wasm` runs any module: it asks the service the way its request headers say and hands the
// answer on to the upstream as headers, so each case shows exactly what the filter received.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeCheckResponse } from "../../compiler/testing/authz-wire.js";
import { moduleFilter, runTestFile } from "../../compiler/testing/index.js";
import { compileSource } from "../host/helpers.js";
import { runCli, tempDir } from "../support/cli.js";
import { encodeEnvoy } from "../support/envoy-protos.js";
import { load } from "./helpers.js";

// x-transport: http or grpc; x-cluster (default authz); x-timeout (ms, default 200); x-check-hex: the CheckRequest.
const CLIENT = `
import { RET_PTR, RET_SIZE, RET_U32, addHeader, clearRet, enc, getHeader, hex, pairs, ptr, returned, unhex,
  proxy_continue_stream, proxy_get_buffer_bytes, proxy_grpc_call, proxy_http_call, proxy_set_effective_context } from "./abi";
export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";

let paused: u32 = 0;

function header(name: string, fallback: string): string {
  const value = getHeader(0, name);
  return value != null ? value : fallback;
}

function resume(value: string): void {
  proxy_set_effective_context(paused);
  addHeader(0, "x-authz", value);
  proxy_continue_stream(0);
}

export function proxy_on_context_create(id: u32, parent: u32): void {}

export function proxy_on_request_headers(ctx: u32, n: u32, eos: u32): u32 {
  const transport = header("x-transport", "");
  if (transport == "") return 0;
  paused = ctx;
  const cluster = enc(header("x-cluster", "authz"));
  const timeout = <u32>parseInt(header("x-timeout", "200"));
  let st: i32 = 0;
  if (transport == "http") {
    const headers = pairs([":method", ":path", ":authority", "authorization"], [header(":method", "GET"), "/check" + header(":path", "/"), "authz.local", header("authorization", "")]);
    st = proxy_http_call(ptr(cluster), cluster.byteLength, ptr(headers), headers.byteLength, 0, 0, 0, 0, timeout, RET_U32);
  } else {
    const service = enc("envoy.service.auth.v3.Authorization");
    const method = enc("Check");
    const message = unhex(header("x-check-hex", ""));
    st = proxy_grpc_call(ptr(cluster), cluster.byteLength, ptr(service), service.byteLength, ptr(method), method.byteLength, 0, 0, ptr(message), message.byteLength, timeout, RET_U32);
  }
  if (st != 0) addHeader(0, "x-authz", "call refused " + st.toString());
  return st == 0 ? 1 : 0;
}

export function proxy_on_http_call_response(root: u32, token: u32, headers: u32, body: u32, trailers: u32): void {
  if (headers == 0) {
    resume("failed");
    return;
  }
  const status = getHeader(6, ":status");
  const user = getHeader(6, "x-user-id");
  clearRet();
  const st = proxy_get_buffer_bytes(4, 0, body, RET_PTR, RET_SIZE);
  const text = st == 0 && body > 0 ? returned() : "";
  resume((status != null ? status : "?") + " user=" + (user != null ? user : "-") + " body=" + text);
}

export function proxy_on_grpc_receive(root: u32, token: u32, size: u32): void {
  clearRet();
  const st = proxy_get_buffer_bytes(5, 0, size, RET_PTR, RET_SIZE);
  resume("grpc " + (st == 0 ? hex(load<u32>(RET_PTR), load<u32>(RET_SIZE)) : "?"));
}

export function proxy_on_grpc_close(root: u32, token: u32, code: u32): void {
  resume("grpc-status " + code.toString());
}
`;

const CHECK_REQUEST = Buffer.from(
  encodeEnvoy("envoy.service.auth.v3.CheckRequest", {
    attributes: {
      source: { address: { socket_address: { address: "203.0.113.9", port_value: 51000 } }, principal: "spiffe://cluster.local/ns/shop/sa/web" },
      request: { http: { id: "r-1", method: "POST", path: "/api/orders", host: "shop.example", scheme: "https", protocol: "HTTP/2", headers: { authorization: "Bearer abc" } } },
    },
  }),
).toString("hex");

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const ALLOW_HEX = hexOf(encodeCheckResponse({ allow: true, headers: [{ name: "x-user-id", value: "alice", append: false }, { name: "x-group", value: "staff", append: true }], headersToRemove: ["authorization"] }));
const DENY_HEX = hexOf(encodeCheckResponse({ allow: false, status: 401, headers: [["www-authenticate", "Bearer"]], body: "who?" }));

const CASES = `authz: { allow: true, headers: { x-user-id: alice }, append_headers: { x-group: staff }, remove_headers: [authorization], cluster: authz }
cases:
  - name: HTTP allow is a 200 with the set and appended headers
    request: { method: POST, path: /api, headers: { x-transport: http, authorization: Bearer abc } }
    expect:
      upstream: { headers: { x-authz: "200 user=alice body=" } }
      authz: { transport: http, method: POST, path: /check/api, host: authz.local, headers: { authorization: Bearer abc } }
  - name: HTTP deny is the status, headers and body
    request: { headers: { x-transport: http } }
    authz: { allow: false, status: 401, headers: { www-authenticate: Bearer, x-user-id: nobody }, body: who?, cluster: authz }
    expect:
      upstream: { headers: { x-authz: "401 user=nobody body=who?" } }
  - name: HTTP error is a failed call
    request: { headers: { x-transport: http } }
    authz: { status: 14, cluster: authz }
    expect: { upstream: { headers: { x-authz: failed } } }
  - name: HTTP no answer is Envoy's 504 timeout reply
    request: { headers: { x-transport: http } }
    authz: { noAnswer: true, cluster: authz }
    expect: { upstream: { headers: { x-authz: "504 user=- body=upstream request timeout" } } }
  - name: HTTP answer at the timeout times out, before it does not
    request: { headers: { x-transport: http, x-timeout: 50 } }
    authz: { allow: true, delay_ms: 50, cluster: authz }
    expect: { upstream: { headers: { x-authz: { contains: "504" } } } }
  - name: HTTP answer before the timeout
    request: { headers: { x-transport: http, x-timeout: 50 } }
    authz: { allow: true, delay_ms: 49, cluster: authz }
    expect: { upstream: { headers: { x-authz: "200 user=- body=" } } }
  - name: gRPC allow is an OK CheckResponse with ok_response headers
    request: { headers: { x-transport: grpc, x-check-hex: "${CHECK_REQUEST}" } }
    expect:
      upstream: { headers: { x-authz: "grpc ${ALLOW_HEX}" } }
      authz:
        transport: grpc
        method: POST
        path: /api/orders
        host: shop.example
        scheme: https
        protocol: HTTP/2
        id: r-1
        headers: { authorization: { contains: Bearer } }
        absent: [cookie]
        source: { address: 203.0.113.9, port: 51000, principal: { contains: /sa/web } }
  - name: gRPC deny is PERMISSION_DENIED with the denied_response
    request: { headers: { x-transport: grpc, x-check-hex: "${CHECK_REQUEST}" } }
    authz: { allow: false, status: 401, headers: { www-authenticate: Bearer }, body: who?, cluster: authz }
    expect: { upstream: { headers: { x-authz: "grpc ${DENY_HEX}" } } }
  - name: gRPC error closes the call with its status
    request: { headers: { x-transport: grpc } }
    authz: { status: 14, cluster: authz }
    expect: { upstream: { headers: { x-authz: grpc-status 14 } } }
  - name: gRPC no answer is DEADLINE_EXCEEDED
    request: { headers: { x-transport: grpc } }
    authz: { noAnswer: true, cluster: authz }
    expect: { upstream: { headers: { x-authz: grpc-status 4 } } }
  - name: gRPC answer past the timeout is DEADLINE_EXCEEDED
    request: { headers: { x-transport: grpc, x-timeout: 50 } }
    authz: { allow: true, delay_ms: 80, cluster: authz }
    expect: { upstream: { headers: { x-authz: grpc-status 4 } } }
  - name: a filter that does not ask sends nothing
    expect: { authz: false, upstream: { absent: [x-authz] } }
  - name: another cluster is not the service
    request: { headers: { x-transport: http, x-cluster: elsewhere } }
    expect: { authz: false, upstream: { headers: { x-authz: call refused 2 } } }
`;

let client: Uint8Array;
let dir: string;
beforeAll(async () => {
  client = await compileSource(CLIENT);
  dir = tempDir();
});

describe("authz answers served to a filter", () => {
  it("answers HTTP calls and gRPC Check calls as each kind of answer says, and checks the request sent", async () => {
    const { file, diagnostics } = load(CASES);
    expect(diagnostics).toEqual([]);
    const result = await runTestFile(file!, moduleFilter("authz-client.wasm", client));
    expect(result.cases.map((c) => [c.name, c.failure, c.mismatches])).toEqual(file!.cases.map((c) => [c.name, undefined, []]));
  });

  it("reports each request field that differs, and a request where none was expected", async () => {
    const { file } = load(`authz: { allow: true, cluster: authz }
cases:
  - name: HTTP
    request: { method: POST, path: /api, headers: { x-transport: http, authorization: Bearer abc } }
    expect: { authz: { method: GET, path: { contains: /other }, headers: { authorization: Basic }, absent: [authorization], protocol: HTTP/1.1 } }
  - name: gRPC
    request: { headers: { x-transport: grpc, x-check-hex: "${CHECK_REQUEST}" } }
    expect: { authz: { transport: http } }
  - name: gRPC fields
    request: { headers: { x-transport: grpc, x-check-hex: "${CHECK_REQUEST}" } }
    expect: { authz: { source: { address: 10.0.0.1, port: 1 }, destination: { address: 10.0.0.2 }, id: r-2 } }
  - name: not CheckRequest
    request: { headers: { x-transport: grpc, x-check-hex: "0f" } }
    expect: { authz: { method: GET } }
  - name: sent one
    request: { headers: { x-transport: http } }
    expect: { authz: false }
  - name: sent none
    expect: { authz: {} }
`);
    const result = await runTestFile(file!, moduleFilter("authz-client.wasm", client));
    expect(result.cases.map((c) => c.mismatches)).toEqual([
      [
        { what: "authz.method", expected: '"GET"', actual: '"POST"' },
        { what: "authz.path", expected: 'containing "/other"', actual: '"/check/api"' },
        { what: "authz.protocol", expected: '"HTTP/1.1"', actual: "(not in an HTTP check: only a gRPC CheckRequest carries it)" },
        { what: "authz.headers.authorization", expected: '"Basic"', actual: '"Bearer abc"' },
        { what: "authz.headers.authorization", expected: "(absent)", actual: '"Bearer abc"' },
      ],
      [{ what: "authz request transport", expected: "http", actual: 'grpc (gRPC Check POST /api/orders on cluster "authz")' }],
      [
        { what: "authz.id", expected: '"r-2"', actual: '"r-1"' },
        { what: "authz.source.address", expected: '"10.0.0.1"', actual: '"203.0.113.9"' },
        { what: "authz.source.port", expected: "1", actual: "51000" },
        { what: "authz.destination.address", expected: '"10.0.0.2"', actual: "(absent)" },
      ],
      [{ what: "authz request", expected: "a CheckRequest", actual: "a message that is not a CheckRequest" }],
      [{ what: "authz request", expected: "none sent", actual: 'HTTP GET /check/ on cluster "authz"' }],
      [{ what: "authz request", expected: "one sent", actual: "none sent" }],
    ]);
  });

  it("runs through filterc test --wasm, and a failing case names the field", async () => {
    writeFileSync(join(dir, "authz-client.wasm"), client);
    writeFileSync(join(dir, "authz.test.yaml"), CASES);
    const passing = runCli(["test", "--wasm", join(dir, "authz-client.wasm"), join(dir, "authz.test.yaml"), "--no-color"]);
    expect(passing.stderr).toBe("");
    expect(passing.stdout).toMatch(/^13 passed, 0 failed$/m);
    expect(passing.status).toBe(0);
    writeFileSync(join(dir, "failing.test.yaml"), CASES.replace("path: /check/api", "path: /check/other"));
    const failing = runCli(["test", "--wasm", join(dir, "authz-client.wasm"), join(dir, "failing.test.yaml"), "--no-color"]);
    expect(failing.stdout).toContain("authz.path");
    expect(failing.stdout).toContain('"/check/api"');
    expect(failing.stdout).toMatch(/^12 passed, 1 failed$/m);
    expect(failing.status).toBe(1);
  });
});
