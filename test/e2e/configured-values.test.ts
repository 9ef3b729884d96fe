import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";

/**
 * A header value computed from params alone is computed once per configuration (runtime keepConfigured), not per
 * request. It must follow every reconfiguration, keep memory flat across them, and treat a configured value with
 * CR or LF as a computed value always was: skipped, with a warning, on each request.
 */
const rules = `
param max_age = 600
param frame = "DENY"
param tag = "a"
on response_headers set "strict-transport-security" = "max-age=\${max_age}; includeSubDomains"
on response_headers set "x-frame-options" = frame
on response_headers add "x-tags" = "\${tag}-\${tag}"
on response_headers set_default "x-default" = "\${frame}/\${max_age}"
on response_headers set "x-per-request" = "\${response.status}-\${tag}"
`;

const responseHeaders = (host: Awaited<ReturnType<typeof hostFor>>) => host.runStream({ response: { status: 204 } }).response.headers;

describe("header values computed from params", () => {
  it("take the defaults, then every new configuration", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    let headers = responseHeaders(host);
    expect(header(headers, "strict-transport-security")).toBe("max-age=600; includeSubDomains");
    expect(header(headers, "x-frame-options")).toBe("DENY");
    expect(header(headers, "x-tags")).toBe("a-a");
    expect(header(headers, "x-default")).toBe("DENY/600");
    expect(header(headers, "x-per-request")).toBe("204-a");

    expect(host.reconfigure(JSON.stringify({ max_age: 31536000, frame: "SAMEORIGIN", tag: "" }))).toBe(true);
    headers = responseHeaders(host);
    expect(header(headers, "strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(header(headers, "x-frame-options")).toBe("SAMEORIGIN");
    expect(header(headers, "x-tags")).toBe("-");
    expect(header(headers, "x-default")).toBe("SAMEORIGIN/31536000");
    expect(header(headers, "x-per-request")).toBe("204-");

    expect(host.reconfigure("")).toBe(true);
    expect(header(responseHeaders(host), "x-frame-options")).toBe("DENY");
  });

  it("keep memory flat over many configurations and requests", async () => {
    const host = await hostFor(rules, { logLevel: 0 });
    const pages = host.memoryPages();
    for (let i = 0; i < 2_000; i++) {
      expect(host.reconfigure(JSON.stringify({ max_age: i, frame: "x".repeat(i % 300), tag: String(i) }))).toBe(true);
      if (i % 100 === 0) expect(header(responseHeaders(host), "x-tags")).toBe(`${i}-${i}`);
    }
    expect(host.memoryPages()).toBe(pages);
  });

  it("skip a configured value with a line break on every request, with a warning, as before", async () => {
    const host = await hostFor(rules, { logLevel: 0, pluginConfig: JSON.stringify({ frame: "DENY\r\nx-injected: 1" }) });
    for (let i = 0; i < 2; i++) {
      const result = host.runStream({ response: { status: 200 } });
      expect(header(result.response.headers, "x-frame-options")).toBeUndefined();
      expect(header(result.response.headers, "x-injected")).toBeUndefined();
      expect(header(result.response.headers, "strict-transport-security")).toBe("max-age=600; includeSubDomains");
      expect(header(result.response.headers, "x-default")).toBeUndefined();
      // Each request warns again, for each header it skips.
      const warnings = result.logs.map((l) => l.message).filter((m) => m.startsWith("skipped header"));
      expect(warnings.filter((m) => m.includes('"x-frame-options"'))).toHaveLength(1);
      expect(warnings.filter((m) => m.includes('"x-default"'))).toHaveLength(1);
    }
  });
});
