import { describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { header, hostFor } from "../support/compile.js";

/**
 * A body past maxBody (docs/language.md, "Bodies"): its 413 goes through `on local_reply`, and it is counted. The
 * phases here hold their bodies: `deny` and `==` need the whole body (a phase that only detects streams instead,
 * and has no maxBody: body-stream.test.ts).
 */

const RULES = `
rule "sqli" on request_body when request.body contains "union select" deny 403 "refused"
rule "leak" on response_body when response.body contains "secret" log warn "leak"
rule "ping" on response_body when response.body == "ping" log info "pong"
`;
const REPLY_RULES = `${RULES}
on local_reply set "x-reply" = "replied on \${request.path}"
`;
const SMALL = { maxBody: 16 };
const COUNTER = (direction: string, outcome: string) => `direction=.=${direction};.;outcome=.=${outcome};.;filterc.test.body_overflow`;

function counters(host: ProxyWasmHost): Record<string, number> {
  return Object.fromEntries([...host.metrics()].map(([name, m]) => [name, Number(m.value)]));
}

function postChunks(host: ProxyWasmHost, path: string, chunks: readonly string[]) {
  const stream = host.openStream({ request: { path, method: "POST" }, response: { status: 200, body: "ok" } }, true);
  stream.requestHeaders(undefined, false);
  chunks.forEach((chunk, i) => stream.requestBody(chunk, i === chunks.length - 1));
  return stream.close();
}

function responseChunks(host: ProxyWasmHost, chunks: readonly string[]) {
  const stream = host.openStream({ request: { path: "/x" } });
  stream.requestHeaders();
  stream.responseHeaders({ status: 200 }, false);
  chunks.forEach((chunk, i) => stream.responseBody(chunk, i === chunks.length - 1));
  return stream.close();
}

describe("the 413 of a request body past maxBody", () => {
  it("goes through the on local_reply rules, like a deny", async () => {
    const host = await hostFor(REPLY_RULES, { logLevel: 0 }, SMALL);
    const r = postChunks(host, "/upload", ["0123456789", "0123456789", "x"]);
    expect(r.response).toMatchObject({ status: 413, local: true, details: "filterc_body_too_large" });
    expect(header(r.response.headers, "x-reply")).toBe("replied on /upload");
    expect(r.upstreamRequest).toBeUndefined();
    // The rule's own deny gets the same header.
    const denied = postChunks(host, "/a", ["union select"]);
    expect(denied.response.status).toBe(403);
    expect(header(denied.response.headers, "x-reply")).toBe("replied on /a");
  });

  it("goes through them when no body rule replies itself", async () => {
    const host = await hostFor(`on request_body when request.body != "" log info "body"\non local_reply set "x-reply" = "too large"`, { logLevel: 0 }, SMALL);
    const r = postChunks(host, "/upload", ["0123456789", "0123456789"]);
    expect(r.response.status).toBe(413);
    expect(header(r.response.headers, "x-reply")).toBe("too large");
  });

  it("has no headers of its own without on local_reply rules", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, SMALL);
    const r = postChunks(host, "/upload", ["0123456789", "0123456789"]);
    expect(r.response).toMatchObject({ status: 413, local: true });
    expect(header(r.response.headers, "x-reply")).toBeUndefined();
  });
});

describe("the body_overflow counter", () => {
  it("counts each denied request body once, tagged request and denied", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, SMALL);
    expect(counters(host)).toEqual({ [COUNTER("request", "denied")]: 0, [COUNTER("response", "passed")]: 0 });
    postChunks(host, "/a", ["0123456789", "0123456789", "more"]);
    postChunks(host, "/a", ["0123456789"]);
    expect(counters(host)[COUNTER("request", "denied")]).toBe(1);
    postChunks(host, "/a", ["01234567890123456789"]);
    expect(counters(host)[COUNTER("request", "denied")]).toBe(2);
  });

  it("counts each passed request body once however many chunks follow, tagged request and passed", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, { ...SMALL, onBodyOverflow: "pass" });
    const r = postChunks(host, "/a", ["0123456789", "0123456789", "more", "and more", "end"]);
    expect(r.response.status).toBe(200);
    expect(counters(host)).toEqual({ [COUNTER("request", "passed")]: 1, [COUNTER("response", "passed")]: 0 });
    postChunks(host, "/a", ["small"]);
    expect(counters(host)[COUNTER("request", "passed")]).toBe(1);
  });

  it("counts a response body past maxBody, tagged response and passed", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, SMALL);
    responseChunks(host, ["0123456789", "0123456789", "secret", "tail"]);
    responseChunks(host, ["short"]);
    expect(counters(host)).toEqual({ [COUNTER("request", "denied")]: 0, [COUNTER("response", "passed")]: 1 });
  });

  it("takes the filter's metric prefix, and is not defined in a program without body rules", async () => {
    const prefixed = await hostFor(RULES, { logLevel: 0 }, { ...SMALL, metricPrefix: "edge." });
    postChunks(prefixed, "/a", ["01234567890123456789"]);
    expect(counters(prefixed)["direction=.=request;.;outcome=.=denied;.;edge.body_overflow"]).toBe(1);
    const headersOnly = await hostFor('on request_headers deny 403', { logLevel: 0 }, SMALL);
    postChunks(headersOnly, "/a", ["01234567890123456789"]);
    expect(counters(headersOnly)).toEqual({});
  });
});
