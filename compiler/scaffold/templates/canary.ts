import type { Template } from "../template.js";

export const canary: Template = {
  id: "canary",
  title: "Canary",
  summary: "sends opted-in users to the canary version of the API by rewriting the path prefix",
  rules: `# Canary routing: opted-in users reach the canary version of the API, everybody else the stable one.
# The filter rewrites the path prefix; a route for /api-canary/ (an Istio VirtualService or an Envoy route)
# sends those requests to the canary backend. That works only where the route is chosen after this filter: at
# the ingress gateway (or the caller's outbound sidecar). In the backend's own inbound sidecar the request has
# already reached the stable pods, and a rewrite there only changes the path they see.

# The value of the \`release\` cookie that opts a user in. Change it at runtime: {"canary_cookie": "beta"}.
param canary_cookie = "canary"

# A client must not mark its own request as routed to the canary: only the rule below may.
rule "drop-spoofed-mark" on request_headers remove "x-canary-routed"

# Opt in with the header \`x-canary: true\` (any case) or the cookie \`release=canary\`.
rule "route-to-canary" on request_headers
  when lower(request.header["x-canary"]) == "true" or request.cookie["release"] == canary_cookie {
    rewrite prefix "/api/" to "/api-canary/"
    set "x-canary-routed" = "true"
  }

# Tell the client which version answered, so that canary problems are easy to report.
rule "mark-canary-response" on response_headers
  when request.header["x-canary-routed"] == "true"
  set "x-served-by" = "canary"
`,
  cases: `cases:
  - name: the x-canary header routes to the canary
    request: { method: GET, path: /api/orders?page=2, headers: { x-canary: "True" } }
    expect:
      upstream: { path: /api-canary/orders?page=2, headers: { x-canary-routed: "true" } }
      response: { status: 200, headers: { x-served-by: canary } }

  - name: the release cookie routes to the canary
    request: { method: GET, path: /api/orders, headers: { cookie: "session=42; release=canary" } }
    expect:
      upstream: { path: /api-canary/orders }
      response: { status: 200, headers: { x-served-by: canary } }

  - name: everybody else stays on the stable version
    request: { method: GET, path: /api/orders }
    expect:
      upstream: { path: /api/orders, absent: [x-canary-routed] }
      response: { status: 200, absent: [x-served-by] }

  - name: a client cannot mark its own request as routed
    request: { method: GET, path: /api/orders, headers: { x-canary-routed: "true" } }
    expect:
      upstream: { path: /api/orders, absent: [x-canary-routed] }
      response: { status: 200, absent: [x-served-by] }

  - name: the opt-in cookie value can change at runtime
    config: { canary_cookie: beta }
    request: { method: GET, path: /api/orders, headers: { cookie: "release=beta" } }
    expect:
      upstream: { path: /api-canary/orders }
`,
  tryIt: { path: "/api/", headers: ["x-canary: true"], look: "`x-served-by: canary` among the response headers" },
  configExample: { canary_cookie: "beta" },
  exampleRule: "mark-canary-response",
  placement: {
    context: "GATEWAY",
    namespace: "istio-system",
    deployment: "istio-ingressgateway",
    selector: { istio: "ingressgateway" },
    why: [
      "Runs in the ingress gateway, before it picks a route: the rewritten path /api-canary/ then matches the",
      "VirtualService route to the canary backend. In the backend's inbound sidecar (SIDECAR_INBOUND) the request",
      "has already been routed to the stable pods, so the rewrite could not reach a different backend. For",
      "traffic between services, run it in the callers' sidecars instead: context: SIDECAR_OUTBOUND with their",
      "selector. namespace and selector are the gateway's (Istio's default ingress gateway here).",
    ],
  },
};
