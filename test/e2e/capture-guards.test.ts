import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/build.js";
import { Source } from "../../grammar/source.js";
import { loadHost, type StreamResult, type StreamSpec } from "../../host/index.js";
import { compileText } from "../support/compile.js";

/**
 * Request values that only a response rule's actions read are captured only when that rule's request-only
 * condition holds at the end of the request phase (compiler/lower/capture-guards.ts): the response must be what
 * it would be if every value were captured, with fewer header reads when no reader can fire.
 */
const program = `
param watched = ["/watch"]
rule "to-admin" on request_headers when request.path starts_with "/old/" rewrite prefix "/old/" to "/admin/"
rule "audit" on response_headers when request.path starts_with "/admin" and response.status == 200
  set "x-audit" = "\${request.method} by \${request.header["x-user"]}"
rule "tenant" on response_headers when request.header["x-tenant"] == "a" set "x-who" = "\${request.header["x-user"]}"
rule "watched" on response_headers when request.path in watched set "x-agent" = "\${request.header["user-agent"]}"
`;

/** Header reads in the request phase, where captures are taken. */
function headerReads(result: StreamResult): number {
  let callback = "";
  let reads = 0;
  for (const event of result.trace) {
    if (event.type === "callback") callback = event.name;
    else if (event.type === "hostcall" && event.name === "proxy_get_header_map_value" && callback === "proxy_on_request_headers") reads++;
  }
  return reads;
}

async function run(spec: StreamSpec) {
  // No warnings either: the diagnostics of a build are the front end's, which analyze gives without compiling.
  expect(analyze(new Source("guards.fw", program)).diagnostics).toEqual([]);
  const host = await loadHost(await compileText(program, "guards.fw"), { trace: true });
  return host.runStream(spec);
}

const request = (path: string, headers: Record<string, string> = {}): StreamSpec => ({
  request: { method: "PUT", path, headers: { "x-user": "ann", "user-agent": "curl", ...headers } },
  response: { status: 200 },
});

describe("capture guards", () => {
  it("capture what a response rule's action reads when its request-only condition holds", async () => {
    const admin = await run(request("/admin/x"));
    expect(admin.response.headers).toContainEqual(["x-audit", "PUT by ann"]);
    // Rewritten in the request phase: the guard sees the path as captured, not as the client sent it.
    const moved = await run(request("/old/x"));
    expect(moved.response.headers).toContainEqual(["x-audit", "PUT by ann"]);
    const tenant = await run(request("/public", { "x-tenant": "a" }));
    expect(tenant.response.headers).toContainEqual(["x-who", "ann"]);
    expect(tenant.response.headers.find(([k]) => k === "x-audit")).toBeUndefined();
  });

  it("skip the reads when no reader can fire, and only those", async () => {
    const nobody = await run(request("/public"));
    const both = await run(request("/admin/x", { "x-tenant": "a" }));
    expect(nobody.response.headers.filter(([k]) => k.startsWith("x-"))).toEqual([]);
    expect(both.response.headers).toContainEqual(["x-who", "ann"]);
    // :method and x-user go unread on /public; x-tenant (a condition) and user-agent (read by a rule whose
    // condition depends on a param, which may change before the response) are read either way.
    expect(headerReads(both) - headerReads(nobody)).toBe(2);
    const watched = await run(request("/watch"));
    expect(watched.response.headers).toContainEqual(["x-agent", "curl"]);
    expect(headerReads(watched)).toBe(headerReads(nobody));
  });
});
