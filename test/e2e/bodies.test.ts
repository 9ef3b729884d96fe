import { describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { header, hostFor, text } from "../support/compile.js";

/**
 * Body phases (docs/language.md, "Bodies"), run in the host: the body held until its end, then decided whole. Both
 * phases here hold (`deny`, `==`); phases that only detect stream instead (body-stream.test.ts).
 */

const RULES = `
rule "sqli" on request_body when request.body contains "union select" or request.body matches "drop +table" {
  log warn "refused a body of \${size(request.body)} bytes"
  deny 403 "refused"
}
rule "big" on request_body when size(request.body) > 20 and request.path starts_with "/api" log info "big body on \${request.path}"
rule "starts" on request_body when request.body starts_with "{" and request.body == "{}" log info "empty object"
rule "leak" on response_body when response.body contains "secret" and request.path == "/x" log warn "leak on \${request.path}"
on response_headers set "x-seen" = "1"
rule "ping" on response_body when response.body == "ping" log info "pong"
`;

const messages = (logs: readonly { message: string }[]) => logs.map((l) => l.message);

/** Sends a request body in chunks, the response from the spec; returns the stream's result. */
function chunked(host: ProxyWasmHost, path: string, chunks: readonly string[], response?: { body?: string }) {
  const stream = host.openStream({ request: { path, method: "POST" }, response: { status: 200, body: response?.body ?? "ok" } }, true);
  stream.requestHeaders(undefined, false);
  chunks.forEach((chunk, i) => stream.requestBody(chunk, i === chunks.length - 1));
  return stream.close();
}

describe("on request_body", () => {
  it("decides over a body sent in one chunk", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    const denied = host.runStream({ request: { path: "/a", method: "POST", body: "id=1 union select password" } });
    expect(denied.response.status).toBe(403);
    expect(text(denied.response.body)).toBe("refused");
    expect(denied.upstreamRequest).toBeUndefined();
    expect(messages(denied.logs)).toContain("refused a body of 26 bytes");
    const passed = host.runStream({ request: { path: "/a", method: "POST", body: "id=1" } });
    expect(passed.response.status).toBe(200);
    expect(text(passed.upstreamRequest!.body)).toBe("id=1");
    expect(header(passed.response.headers, "x-seen")).toBe("1");
  });

  it("matches a pattern split over two body callbacks", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    const split = chunked(host, "/a", ["id=1 uni", "on sel", "ect x"]);
    expect(split.response.status).toBe(403);
    expect(split.upstreamRequest).toBeUndefined();
    const regex = chunked(host, "/a", ["drop  ", "  ta", "ble users"]);
    expect(regex.response.status).toBe(403);
    const harmless = chunked(host, "/a", ["drop", " the ", "table"]);
    expect(harmless.response.status).toBe(200);
    expect(text(harmless.upstreamRequest!.body)).toBe("drop the table");
  });

  it("gives the upstream none of a denied body, and all of an accepted one, in order", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    const chunks = Array.from({ length: 50 }, (_, i) => `chunk ${i};`);
    const accepted = chunked(host, "/a", chunks);
    expect(text(accepted.upstreamRequest!.body)).toBe(chunks.join(""));
    const denied = chunked(host, "/a", [...chunks, "union select"]);
    expect(denied.upstreamRequest).toBeUndefined();
    expect(denied.response).toMatchObject({ status: 403, local: true, details: "filterc_sqli" });
  });

  it("reads size(), starts_with and == over the whole body, and request fields beside it", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    expect(messages(chunked(host, "/api/v1", ["0123456789", "0123456789", "0"]).logs)).toContain("big body on /api/v1");
    expect(messages(chunked(host, "/api/v1", ["0123456789", "0123456789"]).logs)).not.toContain("big body on /api/v1");
    expect(messages(chunked(host, "/web", ["0123456789", "0123456789", "0"]).logs)).not.toContain("big body on /web");
    expect(messages(chunked(host, "/a", ["{", "}"]).logs)).toContain("empty object");
    expect(messages(chunked(host, "/a", ["{", "}", " "]).logs)).not.toContain("empty object");
  });

  it("does not run for a request without a body", async () => {
    const host = await hostFor(`on request_body when size(request.body) == 0 deny 400`, { logLevel: 0 });
    expect(host.runStream({ request: { path: "/" } }).response.status).toBe(200);
    // An empty last chunk after headers that did not end the stream is an empty body.
    expect(chunked(host, "/", [""]).response.status).toBe(400);
  });
});

describe("on response_body", () => {
  it("decides over the whole response body, with captured request fields", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    const stream = host.openStream({ request: { path: "/x" } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("the sec", false);
    stream.responseBody("ret is out", true);
    const r = stream.close();
    expect(messages(r.logs)).toContain("leak on /x");
    expect(text(r.response.body)).toBe("the secret is out");
    const other = host.runStream({ request: { path: "/y" }, response: { status: 200, body: "secret" } });
    expect(messages(other.logs)).not.toContain("leak on /y");
  });
});

describe("maxBody and onBodyOverflow", () => {
  const SMALL = { maxBody: 16 };
  it("answers 413 for a request body past maxBody by default, and the upstream gets none of it", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, SMALL);
    const r = chunked(host, "/a", ["0123456789", "0123456789", "x"]);
    expect(r.response).toMatchObject({ status: 413, local: true, details: "filterc_body_too_large" });
    expect(r.upstreamRequest).toBeUndefined();
    expect(chunked(host, "/a", ["0123456789", "012345"]).response.status).toBe(200);
  });

  it("passes a request body past maxBody unchanged with onBodyOverflow pass: the body rules do not act, a warning says so", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, { ...SMALL, onBodyOverflow: "pass" });
    const r = chunked(host, "/a", ["0123456789", "0123456789", "union select", "tail"]);
    expect(r.response.status).toBe(200);
    expect(text(r.upstreamRequest!.body)).toBe("01234567890123456789union selecttail");
    const warning = r.logs.find((l) => l.message.includes("past maxBody"));
    expect(warning?.levelName).toBe("warn");
    expect(warning?.message).toBe("request body 20 bytes past maxBody: passed unchanged, body rules not applied");
    // The mark is the stream's: the next stream is held and decided again.
    expect(chunked(host, "/a", ["union select"]).response.status).toBe(403);
  });

  it("passes a response body past maxBody unchanged", async () => {
    const host = await hostFor(RULES, { logLevel: 0 }, SMALL);
    const stream = host.openStream({ request: { path: "/x" } });
    stream.requestHeaders();
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("0123456789", false);
    stream.responseBody("0123456789", false);
    stream.responseBody("secret", true);
    const r = stream.close();
    expect(text(r.response.body)).toBe("01234567890123456789secret");
    expect(messages(r.logs)).not.toContain("leak on /x");
    expect(messages(r.logs)).toContain("response body 20 bytes past maxBody: passed unchanged, body rules not applied");
  });
});

describe("memory", () => {
  it("does not grow after the first cycle of each body size (1 KB, 10 KB, 100 KB)", async () => {
    const host = await hostFor(RULES, { logLevel: 0 });
    const sizes = [1_000, 10_000, 100_000];
    const cycle = () => {
      for (const size of sizes) {
        const body = "a".repeat(size);
        const chunks = [body.slice(0, size / 2), body.slice(size / 2)];
        expect(chunked(host, "/api", chunks, { body }).response.status).toBe(200);
      }
    };
    cycle();
    const pages = host.memoryPages();
    for (let i = 0; i < 30; i++) cycle();
    expect(host.memoryPages()).toBe(pages);
  });
});
