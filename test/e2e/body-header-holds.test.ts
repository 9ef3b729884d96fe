import { describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { header, hostFor, text } from "../support/compile.js";

/**
 * Header changes in body phases (docs/language.md, "Changing headers in a body phase"): the headers callback of that
 * side holds the headers (StopIteration), the body rules change them at the end of the body, and headers and body go
 * on together. The host runs with allow_on_headers_stop_iteration on, as filterc's deployment files set it, except
 * where a test shows what Envoy does without it.
 */

const HOLDS = { logLevel: 0, allowOnHeadersStopIteration: true };

const REQUEST_RULES = `
on request_body when request.body contains "secret" {
  set "x-body-flag" = "secret"
  remove "x-drop"
}
rule "big" on request_body when size(request.body) > 20 deny 413 "too big\\n"
`;

function post(host: ProxyWasmHost, chunks: readonly string[], headers: Record<string, string> = {}) {
  const stream = host.openStream({ request: { method: "POST", path: "/upload", headers }, response: { status: 200, body: "ok" } }, true);
  stream.requestHeaders(undefined, false);
  chunks.forEach((chunk, i) => stream.requestBody(chunk, i === chunks.length - 1));
  return stream.close();
}

describe("a request_body rule that changes request headers", () => {
  it("changes the headers the upstream sees, with the whole body after them", async () => {
    const host = await hostFor(REQUEST_RULES, HOLDS);
    const r = post(host, ["a sec", "ret here"], { "x-drop": "1", "x-keep": "2" });
    expect(r.upstreamRequest).toBeDefined();
    expect(header(r.upstreamRequest!.headers, "x-body-flag")).toBe("secret");
    expect(header(r.upstreamRequest!.headers, "x-drop")).toBeUndefined();
    expect(header(r.upstreamRequest!.headers, "x-keep")).toBe("2");
    expect(text(r.upstreamRequest!.body)).toBe("a secret here");
    expect(r.response.status).toBe(200);
    // The headers callback held the headers: StopIteration, not Continue.
    expect(r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers")).toMatchObject({ action: "StopIteration" });
  });

  it("leaves them alone when the body does not match", async () => {
    const host = await hostFor(REQUEST_RULES, HOLDS);
    const r = post(host, ["nothing"], { "x-drop": "1" });
    expect(header(r.upstreamRequest!.headers, "x-body-flag")).toBeUndefined();
    expect(header(r.upstreamRequest!.headers, "x-drop")).toBe("1");
    expect(text(r.upstreamRequest!.body)).toBe("nothing");
  });

  it("denies after holding the headers: the upstream receives neither headers nor body", async () => {
    const host = await hostFor(REQUEST_RULES, HOLDS);
    const r = post(host, ["0123456789", "0123456789", "0123456789"]);
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.response).toMatchObject({ status: 413, local: true, details: "filterc_big" });
    expect(text(r.response.body)).toBe("too big\n");
  });

  it("lets a request without a body through at once: its headers end the stream and are not held", async () => {
    const host = await hostFor(REQUEST_RULES, HOLDS);
    const r = host.runStream({ request: { method: "GET", path: "/x", headers: { "x-drop": "1" } }, response: { status: 204 } });
    expect(r.paused).toBe(false);
    expect(r.upstreamRequest).toBeDefined();
    // The body rules did not run: no body, no body phase (docs/language.md, "Bodies").
    expect(header(r.upstreamRequest!.headers, "x-drop")).toBe("1");
    expect(header(r.upstreamRequest!.headers, "x-body-flag")).toBeUndefined();
    expect(r.response.status).toBe(204);
  });

  it("past maxBody with onBodyOverflow pass, releases the held headers unchanged with the body", async () => {
    const host = await hostFor(REQUEST_RULES, HOLDS, { maxBody: 8, onBodyOverflow: "pass" });
    const r = post(host, ["a secret", " and more"], { "x-drop": "1" });
    expect(r.upstreamRequest).toBeDefined();
    expect(header(r.upstreamRequest!.headers, "x-body-flag")).toBeUndefined();
    expect(header(r.upstreamRequest!.headers, "x-drop")).toBe("1");
    expect(text(r.upstreamRequest!.body)).toBe("a secret and more");
    expect(r.response.status).toBe(200);
  });

  it("without allow_on_headers_stop_iteration stalls, as in Envoy: the body never reaches the filter", async () => {
    const host = await hostFor(REQUEST_RULES, { logLevel: 0 });
    const r = post(host, ["a secret"]);
    // cpp-host turns the headers' StopIteration into StopAllIterationAndWatermark: nothing goes upstream.
    expect(r.upstreamRequest).toBeUndefined();
    expect(r.paused).toBe(true);
    expect(r.trace.some((e) => e.type === "callback" && e.name === "proxy_on_request_body")).toBe(false);
  });

  it("logs what a shadow rule would set, changes nothing, and still holds the headers", async () => {
    const host = await hostFor(`rule "flag" shadow on request_body when request.body contains "secret" set "x-body-flag" = "1"`, HOLDS);
    const r = post(host, ["secret"]);
    expect(header(r.upstreamRequest!.headers, "x-body-flag")).toBeUndefined();
    expect(r.logs.map((l) => l.message).join("\n")).toContain("would set");
    expect(r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers")).toMatchObject({ action: "StopIteration" });
    // Flipped to enforce by the plugin configuration, without a rebuild.
    const enforced = await hostFor(`rule "flag" shadow on request_body when request.body contains "secret" set "x-body-flag" = "1"`, { ...HOLDS, pluginConfig: '{"enforce_rules": ["flag"]}' });
    expect(header(post(enforced, ["secret"]).upstreamRequest!.headers, "x-body-flag")).toBe("1");
  });
});

describe("a response_body rule that changes response headers", () => {
  const RULES = `on response_body when response.body contains "4111" set "x-redacted" = "card in \${request.path}"`;

  function respond(host: ProxyWasmHost, chunks: readonly string[]) {
    const stream = host.openStream({ request: { path: "/orders" } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200, headers: { "content-type": "text/plain" } }, false);
    chunks.forEach((chunk, i) => stream.responseBody(chunk, i === chunks.length - 1));
    return stream.close();
  }

  it("sets the header the client sees, the body unchanged", async () => {
    const host = await hostFor(RULES, HOLDS);
    const r = respond(host, ["card 41", "11 1111"]);
    expect(r.response.status).toBe(200);
    expect(header(r.response.headers, "x-redacted")).toBe("card in /orders");
    expect(header(r.response.headers, "content-type")).toBe("text/plain");
    expect(text(r.response.body)).toBe("card 4111 1111");
    expect(r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_response_headers")).toMatchObject({ action: "StopIteration" });
  });

  it("passes a response without a body at once", async () => {
    const host = await hostFor(RULES, HOLDS);
    const r = host.runStream({ request: { path: "/orders" }, response: { status: 204 } });
    expect(r.paused).toBe(false);
    expect(r.response.status).toBe(204);
    expect(header(r.response.headers, "x-redacted")).toBeUndefined();
  });
});

describe("a program without header changes in body phases", () => {
  it("does not hold headers", async () => {
    const host = await hostFor(`on request_body when request.body contains "x" log info "x"`, { logLevel: 0 });
    const r = post(host, ["x"]);
    expect(r.upstreamRequest).toBeDefined();
    expect(r.trace.find((e) => e.type === "callback" && e.name === "proxy_on_request_headers")?.action ?? "Continue").toBe("Continue");
  });
});
