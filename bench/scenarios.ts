import type { StreamSpec } from "../host/index.js";
import { ANY_LIST_SCENARIOS } from "./any-list.js";

/** A named, fixed request/response cycle: the same spec goes through every module built for an example. */
export interface Scenario {
  readonly name: string;
  readonly spec: StreamSpec;
}

/** Every module runs with the same plugin configuration: `{}` means defaults to filterc, and the SDK traps on "". */
export const PLUGIN_CONFIG = "{}";

/** Ordinary traffic for an example that has no scenarios of its own. */
const plainGet: Scenario = { name: "GET /", spec: { request: { path: "/" } } };

/**
 * Requests per example that reach every branch of its rules, so host-call counts and timings cover the work the
 * rules can do, not only the fast path. Per-request timings cycle through an example's list in order.
 */
export const scenariosByExample: Readonly<Record<string, readonly Scenario[]>> = {
  "bot-block": [
    { name: "browser", spec: { request: { path: "/products", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36" } } } },
    { name: "python-requests/ agent", spec: { request: { path: "/products", headers: { "user-agent": "python-requests/2.31.0" } } } },
    { name: "internal host", spec: { request: { path: "/", authority: "db.svc.cluster.local" } } },
  ],
  hello: [plainGet],
  "security-headers": [
    plainGet,
    {
      name: "upstream sends server, x-powered-by and a CSP",
      spec: {
        request: { path: "/app" },
        response: { headers: { server: "nginx", "x-powered-by": "php", "content-security-policy": "default-src *" } },
      },
    },
  ],
  canary: [
    { name: "not opted in", spec: { request: { path: "/api/items", headers: { cookie: "session=1; release=stable" } } } },
    { name: "x-canary: TRUE", spec: { request: { path: "/api/items", headers: { "x-canary": "TRUE" } } } },
    { name: "release=canary cookie", spec: { request: { path: "/api/items", headers: { cookie: "session=1; release=canary" } } } },
  ],
  "admin-gate": [
    { name: "public page", spec: { request: { path: "/index.html" }, source: "203.0.113.9:50000" } },
    { name: "admin from 10/8 with token", spec: { request: { path: "/admin/users", headers: { "x-admin-token": "t" } }, source: "10.1.2.3:50000" } },
    { name: "admin from outside", spec: { request: { path: "/admin/users", headers: { "x-admin-token": "t" } }, source: "203.0.113.9:50000" } },
    { name: "admin without token", spec: { request: { path: "/admin" }, source: "[2001:db8::7]:50000" } },
    { name: "legacy /v1/ redirect", spec: { request: { path: "/v1/items", authority: "shop.example" } } },
  ],
  // The cost of a match group: the redirect and the tenant header each take a group of their `matches`.
  "moved-paths": [
    { name: "old path redirected with its rest", spec: { request: { path: "/old/docs/intro?lang=en" } } },
    { name: "tenant from the host", spec: { request: { path: "/app", authority: "acme.shop.example" } } },
    { name: "neither", spec: { request: { path: "/app", authority: "www.example" } } },
  ],
  // Host and path scopes: the API host with its nested admin path, a shop subdomain, another host's static file.
  "virtual-hosts": [
    { name: "api with a key", spec: { request: { path: "/v1/orders", authority: "api.example.com", headers: { "x-api-key": "k1" } } } },
    { name: "api admin without mTLS", spec: { request: { path: "/admin/users", authority: "api.example.com", headers: { "x-api-key": "k1" } } } },
    { name: "shop tenant", spec: { request: { path: "/", authority: "acme.shop.example.com" } } },
    { name: "static file, other host", spec: { request: { path: "/static/app.js", authority: "www.example.com" } } },
  ],
  // Defaults: zero trusted hops, so client.address is the peer.
  edge: [
    { name: "stable user", spec: { request: { path: "/", headers: { cookie: "uid=user-1" } } } },
    { name: "canary user, tenant host", spec: { request: { path: "/", authority: "Acme.Shop.Example:8443", headers: { cookie: "uid=user-11" } } } },
    { name: "admin from 10/8", spec: { request: { path: "/admin/users" }, source: "10.1.2.3:50000" } },
    { name: "admin from outside", spec: { request: { path: "/admin/users" }, source: "203.0.113.9:50000" } },
  ],
  "legacy-redirects": [
    { name: "tenant page", spec: { request: { path: "/cart", authority: "acme.shop.example", headers: { cookie: "session=1" } } } },
    { name: "old docs link", spec: { request: { path: "/docs/install?v=2", authority: "acme.shop.example" } } },
    { name: "cookie over 8 KB", spec: { request: { path: "/cart", headers: { cookie: `session=${"A".repeat(8200)}` } } } },
  ],
  // A shadow rule firing costs its log line and a counter increment, and refuses nothing.
  "shadow-rollout": [
    { name: "browser", spec: { request: { path: "/products", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0" } } } },
    { name: "scraper, shadowed", spec: { request: { path: "/products", headers: { "user-agent": "python-requests/2.31.0" } } } },
    { name: "internal host", spec: { request: { path: "/", authority: "db.internal" } } },
  ],
  // Not an example: the any-list section's list of 1,000 agents (any-list.ts).
  "any-list": ANY_LIST_SCENARIOS,
  "login-redirect": [
    { name: "app with a session", spec: { request: { path: "/app/orders", headers: { cookie: "theme=dark; session=abc" } } } },
    { name: "app without a session", spec: { request: { path: "/app/orders?id=3", authority: "shop.example" } } },
    { name: "method override", spec: { request: { method: "POST", path: "/api/items/7", headers: { "x-http-method-override": "patch" } } } },
  ],
  tenants: [
    { name: "shop tenant", spec: { request: { path: "/cart", authority: "acme.shop.example" } } },
    { name: "trial tenant", spec: { request: { path: "/export/all", authority: "demo.shop.example" } } },
    { name: "internal caller", spec: { request: { path: "/", authority: "billing.internal", headers: { "x-tenant": "Globex" } } } },
    { name: "no tenant", spec: { request: { path: "/", authority: "www.example" } } },
  ],
  // The body is held and read once at its end; the refusal is a local reply.
  "body-guard": [
    { name: "API body refused", spec: { request: { method: "POST", path: "/api/search", body: "q=1 UNION ALL SELECT password FROM users" } } },
    { name: "API body passed", spec: { request: { method: "POST", path: "/api/search", body: "q=select a union" } } },
    { name: "GET without body", spec: { request: { path: "/" } } },
  ],
  // Imports: the shared baseline's rules (examples/shared/baseline.fw) run first, then the gateway's own.
  "api/gateway": [
    { name: "browser", spec: { request: { path: "/v2/items", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0" } } } },
    { name: "scanner", spec: { request: { path: "/v2/items", headers: { "user-agent": "sqlmap/1.7.2#stable (https://sqlmap.org)" } } } },
    { name: "old API path redirected", spec: { request: { path: "/v1/items" } } },
  ],
  // Each count is one increment of a counter defined at configuration; a refusal is counted and answered.
  "tenant-metrics": [
    { name: "tenant on a plan", spec: { request: { path: "/orders", headers: { "x-tenant": "acme", "x-plan": "Pro" } } } },
    { name: "no tenant", spec: { request: { path: "/" } } },
  ],
  // The response body is held and read once at its end; a card number is replaced and the new body written back.
  "card-redaction": [
    { name: "card masked", spec: { request: { path: "/orders/17" }, response: { status: 200, headers: { "content-length": "46" }, body: '{"id": 17, "card": "4111 1111 1111 1111", "x": 1}' } } },
    { name: "nothing to mask", spec: { request: { path: "/orders" }, response: { status: 200, body: '{"id": 17, "total": 1200}' } } },
  ],
};

export function scenariosFor(example: string): readonly Scenario[] {
  return scenariosByExample[example] ?? [plainGet];
}
