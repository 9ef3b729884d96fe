import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileText, header, headerValues, readExample, text } from "../support/compile.js";

const load = async (name: string, pluginConfig?: string) => loadHost(await compileText(readExample(name), name), { pluginConfig, logLevel: 0 });

describe("examples/security-headers.fw", () => {
  it("adds the security headers and hides the server software", async () => {
    const host = await load("security-headers.fw");
    const result = host.runStream({ response: { headers: { server: "nginx/1.2", "x-powered-by": "php", "content-security-policy": "default-src *" } } });
    const h = result.response.headers;
    expect(header(h, "strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(header(h, "x-content-type-options")).toBe("nosniff");
    expect(header(h, "x-frame-options")).toBe("DENY");
    expect(header(h, "referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(header(h, "content-security-policy")).toBe("default-src *");
    expect(header(h, "server")).toBeUndefined();
    expect(header(h, "x-powered-by")).toBeUndefined();
  });

  it("sets a default content-security-policy only when the upstream sent none", async () => {
    const host = await load("security-headers.fw");
    expect(header(host.runStream({}).response.headers, "content-security-policy")).toBe("default-src 'self'");
  });

  it("takes params and disabled rules from the plugin configuration", async () => {
    const host = await load("security-headers.fw", JSON.stringify({ hsts_max_age: 600, frame_options: "SAMEORIGIN", disabled_rules: ["hide-server"] }));
    const h = host.runStream({ response: { headers: { server: "envoy" } } }).response.headers;
    expect(header(h, "strict-transport-security")).toBe("max-age=600; includeSubDomains");
    expect(header(h, "x-frame-options")).toBe("SAMEORIGIN");
    expect(header(h, "server")).toBe("envoy");
  });
});

describe("examples/admin-gate.fw", () => {
  it("refuses /admin from outside the admin networks with 403 and a log line", async () => {
    const host = await load("admin-gate.fw");
    const result = host.runStream({ request: { path: "/admin/users", headers: { "x-admin-token": "t" } }, source: "203.0.113.9:5555" });
    expect(result.localResponse?.status).toBe(403);
    expect(text(result.response.body)).toBe("forbidden\n");
    expect(result.upstreamRequest).toBeUndefined();
    expect(result.logs.map((l) => `${l.levelName}: ${l.message}`)).toContain("warn: admin request from 203.0.113.9 refused: outside the admin networks");
    // Response rules do not run on the filter's own reply.
    expect(header(result.response.headers, "x-admin-audit")).toBeUndefined();
  });

  it("asks for the token inside the networks (IPv4 and IPv6) with 401 and www-authenticate", async () => {
    const host = await load("admin-gate.fw");
    for (const source of ["10.1.2.3:4000", "[2001:db8::7]:4000"]) {
      const result = host.runStream({ request: { path: "/admin" }, source });
      expect(result.localResponse?.status).toBe(401);
      expect(header(result.localResponse!.headers, "www-authenticate")).toBe("Token");
      expect(text(result.response.body)).toBe("missing x-admin-token\n");
    }
  });

  it("lets an admin with a token through and audits the response", async () => {
    const host = await load("admin-gate.fw");
    const result = host.runStream({ request: { method: "POST", path: "/admin/x", headers: { "x-admin-token": "t" } }, source: "192.168.4.4:1", response: { status: 204 } });
    expect(result.localResponse).toBeUndefined();
    expect(result.upstreamRequest).toBeDefined();
    expect(header(result.response.headers, "x-admin-audit")).toBe("POST /admin/x -> 204");
  });

  it("redirects the old API", async () => {
    const host = await load("admin-gate.fw");
    const result = host.runStream({ request: { path: "/v1/items?id=3", authority: "shop.example" } });
    expect(result.localResponse?.status).toBe(301);
    expect(header(result.localResponse!.headers, "location")).toBe("https://shop.example/v2/");
    expect(result.response.body.length).toBe(0);
  });

  it("leaves other paths alone", async () => {
    const host = await load("admin-gate.fw");
    const result = host.runStream({ request: { path: "/v2/items" }, source: "203.0.113.9:1" });
    expect(result.localResponse).toBeUndefined();
    expect(header(result.response.headers, "x-admin-audit")).toBeUndefined();
  });

  it("takes the admin networks from the plugin configuration", async () => {
    const host = await load("admin-gate.fw", JSON.stringify({ admin_networks: ["203.0.113.0/24"] }));
    expect(host.runStream({ request: { path: "/admin" }, source: "203.0.113.9:1" }).localResponse?.status).toBe(401);
    expect(host.runStream({ request: { path: "/admin" }, source: "10.0.0.1:1" }).localResponse?.status).toBe(403);
  });

  it("keeps the default networks when a configured entry is not an address", async () => {
    const host = await load("admin-gate.fw", JSON.stringify({ admin_networks: ["not-an-ip"] }));
    expect(host.runStream({ request: { path: "/admin" }, source: "10.0.0.1:1" }).localResponse?.status).toBe(401);
    expect(host.logs.some((l) => l.level === 3 && l.message.includes("admin_networks"))).toBe(true);
  });
});

describe("examples/canary.fw", () => {
  it("rewrites /api/ to /api-canary/ for opted-in users and marks the response", async () => {
    const host = await load("canary.fw");
    const result = host.runStream({ request: { path: "/api/orders?x=1", headers: { "x-canary": "TRUE" } } });
    expect(header(result.upstreamRequest!.headers, ":path")).toBe("/api-canary/orders?x=1");
    expect(header(result.upstreamRequest!.headers, "x-canary-routed")).toBe("true");
    expect(header(result.response.headers, "x-served-by")).toBe("canary");
  });

  it("opts in by cookie too", async () => {
    const host = await load("canary.fw");
    const result = host.runStream({ request: { path: "/api/a", headers: { cookie: "session=1; release=canary" } } });
    expect(header(result.upstreamRequest!.headers, ":path")).toBe("/api-canary/a");
  });

  it("does nothing for other users", async () => {
    const host = await load("canary.fw");
    const result = host.runStream({ request: { path: "/api/a", headers: { cookie: "release=stable" } } });
    expect(header(result.upstreamRequest!.headers, ":path")).toBe("/api/a");
    expect(headerValues(result.response.headers, "x-served-by")).toEqual([]);
  });
});

describe("examples/bot-block.fw", () => {
  const browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0";
  it("refuses a listed agent with 403 and a log line, and lets browsers and requests without an agent through", async () => {
    const host = await load("bot-block.fw");
    const refused = host.runStream({ request: { path: "/p", headers: { "user-agent": "Scrapy/2.11 (+https://scrapy.org)" } } });
    expect(refused.localResponse?.status).toBe(403);
    expect(text(refused.response.body)).toBe("automated clients are not allowed\n");
    expect(refused.logs.map((l) => `${l.levelName}: ${l.message}`)).toContain("info: refused user agent Scrapy/2.11 (+https://scrapy.org)");
    expect(host.runStream({ request: { path: "/p", headers: { "user-agent": browser } } }).upstreamRequest).toBeDefined();
    expect(host.runStream({ request: { path: "/p" } }).upstreamRequest).toBeDefined();
  });

  it("takes the agents from the plugin configuration and hides internal host names", async () => {
    const host = await load("bot-block.fw", JSON.stringify({ bot_agents: ["Firefox/"] }));
    expect(host.runStream({ request: { headers: { "user-agent": browser } } }).localResponse?.status).toBe(403);
    expect(host.runStream({ request: { headers: { "user-agent": "curl/8.5.0" } } }).upstreamRequest).toBeDefined();
    expect(host.runStream({ request: { authority: "db.svc.cluster.local" } }).localResponse?.status).toBe(404);
    expect(host.runStream({ request: { authority: "shop.example" } }).localResponse).toBeUndefined();
  });
});

describe("examples/legacy-redirects.fw", () => {
  it("redirects /docs/ links to /help/ with the rest of the path and the query, and no status class on its own reply", async () => {
    const host = await load("legacy-redirects.fw");
    const result = host.runStream({ request: { path: "/docs/install/linux?v=2" }, response: { status: 200 } });
    expect(result.localResponse?.status).toBe(301);
    expect(header(result.localResponse!.headers, "location")).toBe("/help/install/linux?v=2");
    expect(result.upstreamRequest).toBeUndefined();
    expect(header(result.response.headers, "x-status-class")).toBeUndefined();
    // `/docs` itself does not start with `/docs/`.
    expect(host.runStream({ request: { path: "/docs" } }).localResponse).toBeUndefined();
  });

  it("refuses a cookie header of 8,193 bytes with 431 and lets one of 8,192 through", async () => {
    const host = await load("legacy-redirects.fw");
    const cookie = (bytes: number) => `session=1; blob=${"A".repeat(bytes - "session=1; blob=".length)}`;
    const over = host.runStream({ request: { path: "/cart", headers: { cookie: cookie(8193) } } });
    expect(over.localResponse?.status).toBe(431);
    expect(text(over.response.body)).toBe("cookie header over 8 KB\n");
    expect(over.upstreamRequest).toBeUndefined();
    const at = host.runStream({ request: { path: "/cart", headers: { cookie: cookie(8192) } } });
    expect(at.localResponse).toBeUndefined();
    expect(header(at.upstreamRequest!.headers, "cookie")).toBe(cookie(8192));
  });

  it("sets x-tenant from the subdomain of the shop domain, port or not, replacing the client's own", async () => {
    const host = await load("legacy-redirects.fw");
    for (const authority of ["acme.shop.example", "acme.shop.example:8443"]) {
      const result = host.runStream({ request: { path: "/cart", authority, headers: { "x-tenant": "globex" } } });
      expect(headerValues(result.upstreamRequest!.headers, "x-tenant"), authority).toEqual(["acme"]);
    }
    const other = host.runStream({ request: { path: "/cart", authority: "acme.other.example", headers: { "x-tenant": "globex" } } });
    expect(headerValues(other.upstreamRequest!.headers, "x-tenant")).toEqual(["globex"]);
  });

  it("puts the status class of the upstream's answer in x-status-class", async () => {
    const host = await load("legacy-redirects.fw");
    for (const [status, statusClass] of [[200, "2xx"], [304, "3xx"], [404, "4xx"], [503, "5xx"]] as const) {
      expect(header(host.runStream({ response: { status } }).response.headers, "x-status-class")).toBe(statusClass);
    }
  });
});

describe("examples/login-redirect.fw", () => {
  it("sends a visitor without a session to the login page, the URL to come back to percent-encoded", async () => {
    const host = await load("login-redirect.fw");
    const result = host.runStream({ request: { path: "/app/orders?id=3&x=%C3%A9 ~", authority: "shop.example" } });
    expect(result.localResponse?.status).toBe(302);
    expect(header(result.localResponse!.headers, "location")).toBe(
      "https://login.example.com/authorize?return_to=https%3A%2F%2Fshop.example%2Fapp%2Forders%3Fid%3D3%26x%3D%25C3%25A9%20~",
    );
    expect(result.upstreamRequest).toBeUndefined();
  });

  it("lets a session through, and needs none outside /app/", async () => {
    const host = await load("login-redirect.fw");
    expect(host.runStream({ request: { path: "/app/a", headers: { cookie: "theme=dark; session=abc" } } }).localResponse).toBeUndefined();
    expect(host.runStream({ request: { path: "/pricing" } }).localResponse).toBeUndefined();
    // A cookie whose name only ends in "session" is not the session.
    expect(host.runStream({ request: { path: "/app/a", headers: { cookie: "nosession=1" } } }).localResponse?.status).toBe(302);
  });

  it("takes the login page from the plugin configuration", async () => {
    const host = await load("login-redirect.fw", JSON.stringify({ login_url: "https://sso.internal/login" }));
    const result = host.runStream({ request: { path: "/app/", authority: "shop.example" } });
    expect(header(result.localResponse!.headers, "location")).toBe("https://sso.internal/login?return_to=https%3A%2F%2Fshop.example%2Fapp%2F");
  });

  it("upper-cases the method override header, and adds none when the client sent none", async () => {
    const host = await load("login-redirect.fw");
    const result = host.runStream({ request: { method: "POST", path: "/api/x", headers: { "x-http-method-override": "patch" } } });
    expect(headerValues(result.upstreamRequest!.headers, "x-http-method-override")).toEqual(["PATCH"]);
    expect(header(host.runStream({ request: { path: "/api/x" } }).upstreamRequest!.headers, "x-http-method-override")).toBeUndefined();
  });
});
