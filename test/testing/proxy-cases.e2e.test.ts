// Case files that set up the proxy around the filter: gRPC services with canned answers, a request the proxy
// refuses before the filter, the body buffer limit and allow_on_headers_stop_iteration. The filters are the host's
// raw-ABI test filters (host/testdata), run as `filterc test --wasm` runs any module.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatTrace, moduleFilter, runTestFile } from "../../compiler/testing/index.js";
import { loadHost } from "../../host/index.js";
import { compileFilter } from "../host/helpers.js";
import { runCli, tempDir } from "../support/cli.js";
import { brief, load } from "./helpers.js";

const GRPC_CASES = `grpc:
  - { cluster: grpc-echo, service: test.Echo, method: Say, message: { base64: cG9uZw== } }
  - { cluster: grpc-echo, service: test.Echo, method: Deny, status: 7, statusMessage: not allowed }
  - { cluster: grpc-echo, service: test.Echo, method: Hang, noAnswer: true }
cases:
  - name: an answer reaches proxy_on_grpc_receive
    request: { headers: { x-op: call } }
    expect:
      upstream: { headers: { x-grpc-answer: pong } }
      logs: ["grpc_receive root=1 token=5 size=4 message=pong"]
  - name: an error status closes the call with its message
    request: { headers: { x-op: call, x-method: Deny } }
    expect:
      upstream: { headers: { x-grpc-status: 7 } }
      logs: ["grpc_close token=5 code=7 get_status=0/7 message=not allowed"]
  - name: no answer times out with DEADLINE_EXCEEDED
    request: { headers: { x-op: call, x-method: Hang, x-timeout: 50 } }
    expect:
      upstream: { headers: { x-grpc-status: 4 } }
      logs: ["message=upstream request timeout"]
  - name: an unknown cluster is ParseFailure
    request: { headers: { x-op: call, x-cluster: nowhere } }
    expect:
      upstream: { absent: [x-grpc-answer, x-grpc-status] }
      logs: ["grpc_call st=4 token=0"]
  - name: a case replaces the file's answer, and a delay past the timeout times out
    grpc:
      - { cluster: grpc-echo, service: test.Echo, method: Say, message: { hex: "6869" } }
      - { cluster: grpc-echo, service: test.Echo, method: Slow, message: { hex: "00" }, delay: 80 }
    request: { headers: { x-op: call } }
    expect: { upstream: { headers: { x-grpc-answer: hi } } }
`;

let grpcClient: Uint8Array;
let envoyFlow: Uint8Array;
let dir: string;
beforeAll(async () => {
  grpcClient = await compileFilter("grpc-client");
  envoyFlow = await compileFilter("envoy-flow");
  dir = tempDir();
});

describe("gRPC services in case files", () => {
  it("answers, fails, times out and refuses unknown clusters as declared", async () => {
    const { file, diagnostics } = load(GRPC_CASES);
    expect(diagnostics).toEqual([]);
    const result = await runTestFile(file!, moduleFilter("grpc-client.wasm", grpcClient));
    expect(result.cases.map((c) => [c.name, c.passed, c.failure, c.mismatches])).toEqual(
      file!.cases.map((c) => [c.name, true, undefined, []]),
    );
  });

  it("fails a case whose filter did not get the declared answer", async () => {
    const { file } = load(GRPC_CASES.replace("x-grpc-answer: pong", "x-grpc-answer: pang"));
    const result = await runTestFile(file!, moduleFilter("grpc-client.wasm", grpcClient));
    expect(result.cases[0]!.mismatches).toMatchObject([{ what: "upstream.headers.x-grpc-answer", expected: '"pang"', actual: '"pong"' }]);
  });

  it("runs through filterc test --wasm", async () => {
    writeFileSync(join(dir, "grpc-client.wasm"), grpcClient);
    writeFileSync(join(dir, "grpc.test.yaml"), GRPC_CASES);
    const result = runCli(["test", "--wasm", join(dir, "grpc-client.wasm"), join(dir, "grpc.test.yaml"), "--no-color"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^5 passed, 0 failed$/m);
    expect(result.status).toBe(0);
  });

  it("shows calls, answers and closes in the trace that filterc run prints", async () => {
    const host = await loadHost(grpcClient, { grpcClusters: { "grpc-echo": { "test.Echo/Say": { message: "pong" }, "test.Echo/Deny": { status: 7, statusMessage: "no" } } } });
    const answered = formatTrace(host.runStream({ request: { headers: { "x-op": "call" } } }).trace);
    expect(answered).toContain("    grpc call 5 to cluster grpc-echo: test.Echo/Say, 4 bytes, timeout 1000 ms");
    expect(answered).toContain("== grpc 5 received a message of 4 bytes");
    expect(answered).toContain("proxy_on_grpc_receive(context 1, token 5, message_size 4)");
    const denied = formatTrace(host.runStream({ request: { headers: { "x-op": "call", "x-method": "Deny" } } }).trace);
    expect(denied).toContain('== grpc 9 closed with status 7 "no"');
    expect(denied).toContain("proxy_on_grpc_close(context 1, token 9, status_code 7)");
  });

  it("reports malformed declarations with file:line:col and a hint", () => {
    const { source, diagnostics } = load(`grpc:
  - { cluster: a, service: s.S, method: M, message: { base64: "not base64!" } }
  - { cluster: a, service: s.S, method: N, noAnswer: true, status: 14 }
  - { cluster: a, service: s.S, method: M, status: 3 }
  - { cluster: a, service: s.S, method: O, mesage: { hex: "00" } }
cases:
  - name: x
    refused: { status: 431, detail: too big }
  - name: y
    refused: "431"
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0606 2:63 `grpc[0].message.base64` is not base64: \"not base64!\" | letters, digits, `+` and `/` in groups of four, padded with `=` (e.g. `CAE=` for the bytes 08 01)",
      "E0615 3:44 `noAnswer: true` and `status` contradict each other: a service that never answers has no status | remove `noAnswer` to answer, or `status` to test a timeout",
      "E0616 4:5 s.S/M on cluster `a` is already declared (line 2) | declare each method once per list",
      "E0603 5:44 unknown key `mesage` in `grpc[3]` | did you mean `message`?",
      "E0603 8:29 unknown key `detail` in `cases[0].refused` | did you mean `details`?",
      "E0604 10:14 `cases[1].refused` must be a whole number or a map, found \"431\" | remove the quotes: `refused: 431`",
    ]);
  });
});

describe("the proxy around the filter in case files", () => {
  it("expresses a request refused before the filter, the buffer limit and allow_on_headers_stop_iteration", async () => {
    const { file, diagnostics } = load(`cases:
  - name: refused with 431 before the filter
    refused: 431
    expect:
      response: { status: 431 }
      upstream: false
      logs: ["create 2", "log 2 status=431", "done 2", "delete 2"]
  - name: a buffered body past the limit gets 413
    bufferLimit: 8
    request: { headers: { x-op: buffer-always }, body: "0123456789" }
    expect: { response: { status: 413, body: Payload Too Large }, upstream: false }
  - name: within the default limit the body goes through
    request: { headers: { x-op: buffer }, body: "0123456789" }
    expect: { upstream: { body: "0123456789" } }
  - name: headers held while the body callbacks run
    allowOnHeadersStopIteration: true
    request: { headers: { x-op: stop-headers }, body: payload }
    expect:
      upstream: { body: payload }
      logs: ["request_body 2 size=7 eos=1 headers=reachable"]
  - name: without the setting the body waits behind the headers
    request: { headers: { x-op: stop-headers }, body: payload }
    expect: { upstream: false, logs: [{ contains: "request_headers 2" }, "log 2"] }
`);
    expect(diagnostics).toEqual([]);
    const result = await runTestFile(file!, moduleFilter("envoy-flow.wasm", envoyFlow));
    expect(result.cases.map((c) => [c.name, c.passed, c.mismatches])).toEqual(file!.cases.map((c) => [c.name, true, []]));
  });
});
