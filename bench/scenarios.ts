import type { StreamSpec } from "../host/index.js";

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
  "legacy-redirects": [
    { name: "tenant page", spec: { request: { path: "/cart", authority: "acme.shop.example", headers: { cookie: "session=1" } } } },
    { name: "old docs link", spec: { request: { path: "/docs/install?v=2", authority: "acme.shop.example" } } },
    { name: "cookie over 8 KB", spec: { request: { path: "/cart", headers: { cookie: `session=${"A".repeat(8200)}` } } } },
  ],
  "login-redirect": [
    { name: "app with a session", spec: { request: { path: "/app/orders", headers: { cookie: "theme=dark; session=abc" } } } },
    { name: "app without a session", spec: { request: { path: "/app/orders?id=3", authority: "shop.example" } } },
    { name: "method override", spec: { request: { method: "POST", path: "/api/items/7", headers: { "x-http-method-override": "patch" } } } },
  ],
};

export function scenariosFor(example: string): readonly Scenario[] {
  return scenariosByExample[example] ?? [plainGet];
}
