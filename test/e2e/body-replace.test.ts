import { describe, expect, it } from "vitest";
import type { ProxyWasmHost } from "../../host/index.js";
import { compileText, header, hostFor, text } from "../support/compile.js";

/** `replace` and `replace matches` in body phases (docs/language.md, "Replacing in a body"), run in the host. */

const messages = (logs: readonly { message: string }[]) => logs.map((l) => l.message);

/** A response whose body arrives in `chunks`, after headers with a content-length; returns the stream's result. */
function responseIn(host: ProxyWasmHost, chunks: readonly string[], path = "/") {
  const length = String(chunks.join("").length);
  const stream = host.openStream({ request: { path } });
  stream.requestHeaders(undefined, true);
  stream.responseHeaders({ status: 200, headers: [["content-length", length], ["content-type", "text/plain"]] }, false);
  chunks.forEach((chunk, i) => stream.responseBody(chunk, i === chunks.length - 1));
  return stream.close();
}

/** A POST whose body arrives in `chunks`, with a content-length. */
function requestIn(host: ProxyWasmHost, chunks: readonly string[], path = "/") {
  const length = String(chunks.join("").length);
  const stream = host.openStream({ request: { path, method: "POST", headers: [["content-length", length]] }, response: { status: 200, body: "ok" } }, true);
  stream.requestHeaders(undefined, false);
  chunks.forEach((chunk, i) => stream.requestBody(chunk, i === chunks.length - 1));
  return stream.close();
}

describe("replace in on response_body", () => {
  it("replaces every occurrence of a literal in a body sent in one chunk, and removes content-length", async () => {
    const host = await hostFor(`on response_body replace "secret" with "[redacted]"`, { logLevel: 0 });
    const result = responseIn(host, ["a secret, another secret, secrets"]);
    expect(text(result.response.body)).toBe("a [redacted], another [redacted], [redacted]s");
    expect(header(result.response.headers, "content-length")).toBeUndefined();
    expect(header(result.response.headers, "content-type")).toBe("text/plain");
  });

  it("replaces a match split across many chunks", async () => {
    const host = await hostFor(`on response_body replace "secret" with "***"`, { logLevel: 0 });
    const result = responseIn(host, ["x se", "c", "ret y sec", "ret", ""]);
    expect(text(result.response.body)).toBe("x *** y ***");
    const regex = await hostFor(`on response_body replace matches "[0-9]{4}-[0-9]{4}" with "####-####"`, { logLevel: 0 });
    expect(text(responseIn(regex, ["card 12", "34-56", "78 and 1111-2222."]).response.body)).toBe("card ####-#### and ####-####.");
  });

  it("leaves a body without a match as it came", async () => {
    const host = await hostFor(`on response_body replace "secret" with "***"`, { logLevel: 0 });
    const result = responseIn(host, ["nothing ", "to see"]);
    expect(text(result.response.body)).toBe("nothing to see");
    // The headers phase still removes content-length: it decides before the body is known.
    expect(header(result.response.headers, "content-length")).toBeUndefined();
  });

  it("takes the longest match at the leftmost position, without overlaps", async () => {
    const host = await hostFor(`on response_body replace matches "a+|ab+c" with "<\${"x"}>"`, { logLevel: 0 });
    expect(text(responseIn(host, ["aaabbbc abbbcaa xyz"]).response.body)).toBe("<x>bbbc <x><x> xyz");
    const literal = await hostFor(`on response_body replace "aa" with "b"`, { logLevel: 0 });
    expect(text(responseIn(literal, ["aaaaa"]).response.body)).toBe("bba");
  });

  it("treats empty matches as JavaScript's replaceAll with a global regex", async () => {
    const cases: Array<[string, string]> = [
      ["x*", "abc"],
      ["a*", "aaa"],
      ["a*", "baab"],
      ["", "ab"],
      ["^", "ab"],
      ["$", "ab"],
      ["b*$", "abb"],
    ];
    for (const [pattern, body] of cases) {
      const host = await hostFor(`on response_body replace matches "${pattern}" with "-"`, { logLevel: 0 });
      expect(text(responseIn(host, [body]).response.body), `/${pattern}/ over "${body}"`).toBe(body.replaceAll(new RegExp(pattern, "g"), "-"));
    }
  });

  // The first pass keeps the first 256 matches it finds, so the second writes them without searching again;
  // matches past those are searched again (runtime/body-replace.ts): both ways must give JavaScript's result.
  it("replaces the same matches below, at and past the 256 the first pass keeps", async () => {
    const literal = await hostFor(`on response_body replace "ab" with "<>"`, { logLevel: 0 });
    const regex = await hostFor(`on response_body replace matches "[0-9]+|x*" with "#"`, { logLevel: 0 });
    for (const count of [1, 255, 256, 257, 700]) {
      const body = Array.from({ length: count }, (_, i) => `ab${i}.`).join("");
      expect(text(responseIn(literal, [body]).response.body), `${count} literal matches`).toBe(body.replaceAll("ab", "<>"));
      // Digits, and an empty match before every other byte: about three matches per piece.
      expect(text(responseIn(regex, [body]).response.body), `about ${3 * count} regex matches`).toBe(body.replaceAll(/[0-9]+|x*/g, "#"));
    }
  });

  it("anchors ^ at the start of the body only", async () => {
    const host = await hostFor(`on response_body replace matches "^ab" with "X"`, { logLevel: 0 });
    expect(text(responseIn(host, ["ababab"]).response.body)).toBe("Xabab");
  });

  it("lets later rules of the phase read the replaced body", async () => {
    const rules = `
on response_body replace "password=hunter2" with "password=***"
rule "check" on response_body when response.body contains "hunter2" log warn "still there"
rule "size" on response_body log info "now \${size(response.body)} bytes: \${response.body}"
on response_body replace "***" with "?"
rule "again" on response_body log info "then \${response.body}"
`;
    const host = await hostFor(rules, { logLevel: 0 });
    const result = responseIn(host, ["user=a&password=hunter2"]);
    expect(messages(result.logs)).not.toContain("still there");
    expect(messages(result.logs)).toContain("now 19 bytes: user=a&password=***");
    expect(messages(result.logs)).toContain("then user=a&password=?");
    expect(text(result.response.body)).toBe("user=a&password=?");
  });

  it("replaces with a value computed from the request, and not at all with an absent one", async () => {
    const host = await hostFor(`on response_body replace "{{user}}" with request.header["x-user"]`, { logLevel: 0 });
    const stream = host.openStream({ request: { path: "/", headers: [["x-user", "ada"]] } });
    stream.requestHeaders(undefined, true);
    stream.responseHeaders({ status: 200 }, false);
    stream.responseBody("hello {{user}}", true);
    expect(text(stream.close().response.body)).toBe("hello ada");
    expect(text(responseIn(host, ["hello {{user}}"]).response.body)).toBe("hello {{user}}");
  });

  it("keeps the headers callback to a program without header rules only when it replaces", async () => {
    const replacing = await compileText(`on response_body replace "a" with "b"`);
    const logging = await compileText(`on response_body when response.body contains "a" log info "a"`);
    const exports = (wasm: Uint8Array) => WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
    expect(exports(replacing)).toContain("proxy_on_response_headers");
    expect(exports(replacing)).not.toContain("proxy_on_request_headers");
    expect(exports(logging)).not.toContain("proxy_on_response_headers");
  });
});

describe("replace in on request_body", () => {
  it("sends the upstream the replaced body, without content-length", async () => {
    const host = await hostFor(`on request_body replace matches "\\"ssn\\": *\\"[0-9-]+\\"" with "\\"ssn\\": \\"redacted\\""`, { logLevel: 0 });
    const result = requestIn(host, ['{"name": "a", "ss', 'n": "123-45-6789"}']);
    expect(text(result.upstreamRequest!.body)).toBe('{"name": "a", "ssn": "redacted"}');
    expect(header(result.upstreamRequest!.headers, "content-length")).toBeUndefined();
    expect(result.response.status).toBe(200);
  });

  it("keeps content-length on the side whose body is not replaced", async () => {
    const host = await hostFor(`on request_body replace "a" with "bb"`, { logLevel: 0 });
    const result = responseIn(host, ["abc"]);
    expect(header(result.response.headers, "content-length")).toBe("3");
    expect(text(result.response.body)).toBe("abc");
  });
});

describe("replace in a shadow rule", () => {
  const rules = `rule "mask" shadow on response_body when response.body contains "secret" replace "secret" with "***"`;

  it("logs what it would replace and changes nothing", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    const result = responseIn(host, ["a secret"]);
    expect(text(result.response.body)).toBe("a secret");
    expect(messages(result.logs).some((m) => m.includes("mask") && m.includes('would replace "secret"'))).toBe(true);
    // content-length goes all the same: the configuration may flip the rule to enforce without a rebuild.
    expect(header(result.response.headers, "content-length")).toBeUndefined();
  });

  it("replaces once the configuration enforces it", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ enforce_rules: ["mask"] }) });
    expect(text(responseIn(host, ["a secret"]).response.body)).toBe("a ***");
  });
});
