// `filterc serve --wasm`: a trapping module under each failure policy, several workers, HTTP calls to a real
// cluster, an unreachable upstream, and a graceful shutdown with a request in flight. Modules from host/testdata
// start in a moment (no rules to build), so each test runs its own proxy.

import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFilter } from "../host/helpers.js";
import { tempDir } from "../support/cli.js";
import { accessLog, send, startServe, startUpstream, type Upstream } from "./harness.js";

const dir = tempDir("filterc-serve-wasm-");
const trap = join(dir, "trap.wasm");
const probe = join(dir, "probe.wasm");
let upstream: Upstream;
/** How many requests to /slow the upstream has got: a test waits for its own to arrive. */
const slowSeen = () => upstream.seen.filter((s) => s.url === "/slow").length;

beforeAll(async () => {
  writeFileSync(trap, await compileFilter("trap-every"));
  writeFileSync(probe, await compileFilter("probe"));
  upstream = await startUpstream();
});

afterAll(async () => {
  await upstream?.close();
});

/** Four requests, the first one trapping: the statuses and x-ok headers the client got. */
async function trapThenThree(policy: string, workers = "1") {
  const serving = await startServe(["--wasm", trap, "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--failure-policy", policy, "--workers", workers, "--log-format", "json"]);
  try {
    const replies = [await send(`${serving.url}/a`, { headers: { "x-trap": "1" } })];
    for (let i = 0; i < 3; i++) replies.push(await send(`${serving.url}/b`));
    await serving.waitFor(/"path":"\/b"(.|\n)*"path":"\/b"(.|\n)*"path":"\/b"/, "stdout");
    return { replies: replies.map((r) => [r.status, r.headers["x-ok"] ?? "-"]), stderr: serving.stderr(), log: accessLog(serving) };
  } finally {
    await serving.stop("SIGKILL");
  }
}

describe("filterc serve with a trapping filter", () => {
  it("fail-closed: 503 for the trapping request and every later one on that VM; the trap names the wasm function", async () => {
    const { replies, stderr } = await trapThenThree("fail-closed");
    expect(replies).toEqual([[503, "-"], [503, "-"], [503, "-"], [503, "-"]]);
    expect(stderr).toMatch(/filter trapped in proxy_on_request_headers at \S*proxy_on_request_headers: unreachable; fail-closed: answered 503/);
  });

  it("fail-open: the trapping request and the later ones go on without the filter", async () => {
    const { replies, stderr } = await trapThenThree("fail-open");
    expect(replies).toEqual([[200, "-"], [200, "-"], [200, "-"], [200, "-"]]);
    expect(stderr).toContain("fail-open: the request went on without the filter");
  });

  it("reload: 503 for the trapping request, then a fresh VM serves the next ones", async () => {
    const { replies, stderr } = await trapThenThree("reload");
    expect(replies).toEqual([[503, "-"], [200, "1"], [200, "1"], [200, "1"]]);
    expect(stderr).toContain("reload: a fresh VM serves the next request");
  });

  it("--workers 2: requests alternate between two VMs, and a trap fails only its worker's VM", async () => {
    const { replies, log } = await trapThenThree("fail-closed", "2");
    expect(replies).toEqual([[503, "-"], [200, "1"], [503, "-"], [200, "1"]]);
    expect(log.map((l) => l.worker)).toEqual([0, 1, 0, 1]);
  });
});

describe("filterc serve --wasm", () => {
  it("forwards the filter's proxy_http_call to --cluster and continues the request with the answer", async () => {
    const calls: string[] = [];
    const auth = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        calls.push(`${req.method} ${req.url} host=${req.headers.host} body=${body}`);
        res.writeHead(201).end("ok");
      });
    });
    await new Promise<void>((r) => auth.listen(0, "127.0.0.1", r));
    const authUrl = `http://127.0.0.1:${(auth.address() as { port: number }).port}`;
    const serving = await startServe(["--wasm", probe, "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--cluster", `auth=${authUrl}`]);
    try {
      const reply = await send(`${serving.url}/checked`, { headers: { "x-op": "pause-call" } });
      expect(reply.status).toBe(200);
      expect(calls).toEqual(["GET /check host=auth.local body=who?"]);
      // The filter added the call's status to the request before continuing it.
      expect(JSON.parse(reply.body).headers["x-auth-status"]).toBe("201");
      // The filter's log lines are printed when its stream ends.
      await serving.waitFor("[filter info] call ok status=201 body=ok");
    } finally {
      await serving.stop("SIGKILL");
      auth.close();
    }
  });

  it("answers 503 when the upstream cannot be reached, and keeps serving", async () => {
    const gone = await startUpstream();
    await gone.close();
    const serving = await startServe(["--wasm", trap, "--upstream", gone.url, "--listen", "127.0.0.1:0"]);
    try {
      const reply = await send(`${serving.url}/x`);
      expect([reply.status, reply.body]).toEqual([503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure"]);
      // The filter's response callbacks ran on the router's reply.
      expect(reply.headers["x-ok"]).toBe("1");
      expect((await send(`${serving.url}/y`)).status).toBe(503);
    } finally {
      await serving.stop("SIGKILL");
    }
  });

  it("resets the client when the upstream breaks off mid-body or the client goes away, and keeps serving", async () => {
    const serving = await startServe(["--wasm", trap, "--upstream", upstream.url, "--listen", "127.0.0.1:0", "--log-format", "json"]);
    try {
      await expect(send(`${serving.url}/abort`)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
      // A client that gives up while its request waits on the upstream.
      const gone = new AbortController();
      const before = slowSeen();
      const waiting = send(`${serving.url}/slow`, { signal: gone.signal });
      while (slowSeen() === before) await new Promise((r) => setTimeout(r, 10));
      gone.abort();
      await expect(waiting).rejects.toThrow(/abort/i);
      // The proxy has seen the client go (its access-log line) before the upstream answers.
      await serving.waitFor('"path":"/slow"', "stdout");
      upstream.release();
      expect((await send(`${serving.url}/still`)).status).toBe(200);
      await serving.waitFor('"path":"/still"', "stdout");
      expect(accessLog(serving).map((l) => [l.path, l.status])).toEqual([
        ["/abort", 200],
        ["/slow", 0],
        ["/still", 200],
      ]);
    } finally {
      await serving.stop("SIGKILL");
    }
  });

  it("on SIGTERM finishes the request in flight, stops listening and exits 0", async () => {
    const serving = await startServe(["--wasm", trap, "--upstream", upstream.url, "--listen", "127.0.0.1:0"]);
    const before = slowSeen();
    const inFlight = send(`${serving.url}/slow`);
    while (slowSeen() === before) await new Promise((r) => setTimeout(r, 10));
    const exit = serving.stop("SIGTERM");
    await serving.waitFor("shutting down");
    upstream.release();
    const reply = await inFlight;
    expect([reply.status, reply.headers["x-ok"]]).toEqual([200, "1"]);
    expect(await exit).toBe(0);
    await expect(send(`${serving.url}/after`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
