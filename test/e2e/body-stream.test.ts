import { describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { hostFor, text } from "../support/compile.js";

/**
 * Streaming body phases (docs/language.md, "Bodies", "Streaming or holding"): a phase whose rules only detect lets
 * each chunk go on at once and decides at the end from an automaton run over the chunks as they passed.
 */

const DETECT = `
rule "sqli" on request_body when request.body contains "union select" or request.body matches "drop +table" {
  count "sqli"
  log warn "sqli in a body of \${size(request.body)} bytes on \${request.path}"
}
rule "json" on request_body when request.body starts_with "{" and request.body ends_with "}" log info "json object"
rule "big" on request_body when size(request.body) > 20 log info "big body"
rule "leak" on response_body when response.body contains "Traceback" log error "leak on \${request.path}"
`;

const messages = (logs: readonly { message: string }[]) => logs.map((l) => l.message);

/** Sends a request body in chunks; returns the stream's result. */
function chunked(host: ProxyWasmHost, chunks: readonly (string | Uint8Array)[], path = "/a") {
  const stream = host.openStream({ request: { path, method: "POST" }, response: { status: 200, body: "ok" } }, true);
  stream.requestHeaders(undefined, false);
  chunks.forEach((chunk, i) => stream.requestBody(chunk, i === chunks.length - 1));
  return stream.close();
}

/** The actions the filter returned from each body callback of `name`. */
function bodyActions(trace: readonly { type: string; name?: string; action?: string }[], name: string): (string | undefined)[] {
  return trace.filter((e) => e.type === "callback" && e.name === name).map((e) => e.action);
}

describe("streaming body phases", () => {
  it("matches a pattern split at every byte position over two chunks, counted and logged once", async () => {
    const host = await hostFor(DETECT, { logLevel: 0 });
    for (const pattern of ["union select", "drop   table"]) {
      const body = `id=1 ${pattern} x`;
      const start = body.indexOf(pattern);
      for (let cut = start; cut <= start + pattern.length; cut++) {
        const r = chunked(host, [body.slice(0, cut), body.slice(cut)]);
        expect(messages(r.logs).filter((m) => m.startsWith("sqli"))).toEqual([`sqli in a body of ${body.length} bytes on /a`]);
        expect(text(r.upstreamRequest!.body)).toBe(body);
      }
    }
    // Every byte its own chunk.
    const bytes = [..."ab union select cd"];
    expect(messages(chunked(host, bytes).logs)).toContain("sqli in a body of 18 bytes on /a");
    expect(messages(chunked(host, ["union", " ", "selec"]).logs).some((m) => m.startsWith("sqli"))).toBe(false);
    const counted = host.metrics().get("filterc.test.sqli");
    expect(counted?.value).toBe(BigInt(13 + 13 + 1));
  });

  it("returns Continue for every chunk: the upstream gets each chunk before the body ends", async () => {
    const host = await hostFor(DETECT, { logLevel: 0, trace: true });
    const stream = host.openStream({ request: { path: "/a", method: "POST" }, response: { status: 200, body: "ok" } }, true);
    stream.requestHeaders(undefined, false);
    stream.requestBody("first chunk ", false);
    // Nothing held: the chunk has gone on already.
    expect(stream["request"].forwardedBytes()).toBe(12);
    stream.requestBody("union ", false);
    stream.requestBody("select", true);
    const r = stream.close();
    expect(bodyActions(r.trace, "proxy_on_request_body")).toEqual(["Continue", "Continue", "Continue"]);
    expect(text(r.upstreamRequest!.body)).toBe("first chunk union select");
    expect(messages(r.logs)).toContain("sqli in a body of 24 bytes on /a");
  });

  it("reads starts_with, ends_with and size() over the whole streamed body", async () => {
    const host = await hostFor(DETECT, { logLevel: 0 });
    expect(messages(chunked(host, ["{", "\"a\":", "1}"]).logs)).toContain("json object");
    expect(messages(chunked(host, ["{", "}", " "]).logs)).not.toContain("json object");
    expect(messages(chunked(host, [" {", "}"]).logs)).not.toContain("json object");
    expect(messages(chunked(host, ["0123456789", "0123456789", "0"]).logs)).toContain("big body");
    expect(messages(chunked(host, ["0123456789", "0123456789"]).logs)).not.toContain("big body");
  });

  it("decides an empty body", async () => {
    const host = await hostFor(`on request_body when size(request.body) == 0 and not (request.body contains "x") log info "empty"`, { logLevel: 0 });
    expect(messages(chunked(host, [""]).logs)).toEqual(["empty"]);
    expect(messages(chunked(host, ["", "", ""]).logs)).toEqual(["empty"]);
    expect(messages(chunked(host, ["", "a"]).logs)).toEqual([]);
  });

  it("streams a response body: it goes downstream chunk by chunk", async () => {
    const host = await hostFor(DETECT, { logLevel: 0, trace: true });
    const stream = host.openStream({ request: { path: "/x" } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("oops: Trace", false);
    expect(stream["response"].forwardedBytes()).toBe(11);
    stream.responseBody("back (most recent call last)", true);
    const r = stream.close();
    expect(bodyActions(r.trace, "proxy_on_response_body")).toEqual(["Continue", "Continue"]);
    expect(messages(r.logs)).toEqual(["leak on /x"]);
  });

  it("decides a 1 MB body in 64 KB chunks, past maxBody, without growing memory after the first", async () => {
    const host = await hostFor(DETECT, { logLevel: 0 }, { maxBody: 1024 });
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const chunks = Array.from({ length: 16 }, () => chunk);
    const withPattern = [...chunks.slice(0, 8), new TextEncoder().encode("union sel"), new TextEncoder().encode("ect"), ...chunks.slice(8)];
    const first = chunked(host, withPattern);
    expect(first.response.status).toBe(200);
    expect(first.upstreamRequest!.body.length).toBe(16 * 64 * 1024 + 12);
    expect(messages(first.logs)).toContain(`sqli in a body of ${16 * 64 * 1024 + 12} bytes on /a`);
    const pages = host.memoryPages();
    for (let i = 0; i < 5; i++) {
      const r = chunked(host, withPattern);
      expect(messages(r.logs)).toContain(`sqli in a body of ${16 * 64 * 1024 + 12} bytes on /a`);
      expect(messages(chunked(host, chunks).logs)).toEqual(["big body"]);
    }
    expect(host.memoryPages()).toBe(pages);
  });

  it("keeps interleaved streams apart, and forgets a stream reset before its body ended", async () => {
    const host = await hostFor(DETECT, { logLevel: 0 });
    const open = () => {
      const s = host.openStream({ request: { path: "/a", method: "POST" }, response: { status: 200, body: "ok" } }, true);
      s.requestHeaders(undefined, false);
      return s;
    };
    const a = open();
    const b = open();
    a.requestBody("union ", false);
    b.requestBody("select ", false);
    a.requestBody("select", true);
    b.requestBody("union", true);
    expect(messages(a.close().logs)).toContain("sqli in a body of 12 bytes on /a");
    expect(messages(b.close().logs).some((m) => m.startsWith("sqli"))).toBe(false);
    const pages = host.memoryPages();
    for (let i = 0; i < 200; i++) {
      const s = open();
      s.requestBody("union ", false);
      s.close();
    }
    expect(host.memoryPages()).toBe(pages);
  });
});

describe("phases that hold their body", () => {
  it("holds a phase that mixes detecting and denying rules, and decides as before", async () => {
    const host = await hostFor(`${DETECT}\nrule "deny" on request_body when request.body contains "evil" deny 403`, { logLevel: 0, trace: true });
    const r = chunked(host, ["ev", "il union select"]);
    // Held, then answered locally at the end: the upstream never sees the body.
    expect(bodyActions(r.trace, "proxy_on_request_body")).toEqual(["StopIterationAndBuffer", "StopIterationNoBuffer"]);
    expect(r.response.status).toBe(403);
    expect(r.upstreamRequest).toBeUndefined();
    expect(messages(r.logs)).toContain("sqli in a body of 17 bytes on /a");
  });

  it("holds a phase that compares the body with == or interpolates it", async () => {
    for (const rules of [`on request_body when request.body == "x" log info "x"`, `on request_body log info "body \${request.body}"`]) {
      const host = await hostFor(rules, { logLevel: 0, trace: true });
      const r = chunked(host, ["x", ""]);
      expect(bodyActions(r.trace, "proxy_on_request_body")).toEqual(["StopIterationAndBuffer", "Continue"]);
      expect(messages(r.logs)).toEqual([rules.includes("==") ? "x" : "body x"]);
    }
  });
});
