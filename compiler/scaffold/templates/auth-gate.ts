import type { Template } from "../template.js";

export const authGate: Template = {
  id: "auth-gate",
  title: "Auth gate",
  summary: "lets requests to /admin through only from trusted networks and with a token",
  rules: `# An auth gate for /admin: only from trusted networks, and only with a token.
# The gate decides who may knock; the application still checks that the token is valid.

# The networks allowed to reach /admin: addresses or CIDR ranges, IPv4 and IPv6. Change them at runtime through
# the plugin configuration: {"admin_networks": ["10.1.0.0/16"]}.
param admin_networks = ["10.0.0.0/8", "192.168.0.0/16", "fd00::/8"]

# Outside the trusted networks: refuse, and log who tried (the address, never the token).
# client.address, not source.address: behind an ingress gateway (or a load balancer) the peer of this proxy is the
# gateway pod, whose address is inside 10.0.0.0/8, so source.address would let every client in. client.address
# reads x-forwarded-for from the right, skipping the proxies you trust: set \`trustedHops: 1\` in filterc.yaml for
# one gateway in front. With 0 (the default) it is the peer address, like source.address.
rule "admin-network" on request_headers
  when request.path starts_with "/admin" and not (client.address in admin_networks) {
    log warn "refused \${request.method} \${request.path} from \${client.address}: outside admin_networks"
    deny 403 "forbidden\\n"
  }

# Inside, but without a token: ask for one. A 401 with www-authenticate tells the client how to authenticate.
rule "admin-token" on request_headers
  when request.path starts_with "/admin" and not exists(request.header["x-admin-token"])
  respond 401 "missing x-admin-token\\n" with { "www-authenticate" = "Token" }

# Only the mesh may send x-internal-* headers: a client sending them could pass for an internal caller.
rule "strip-internal-headers" on request_headers remove prefix "x-internal-"
`,
  cases: `cases:
  - name: refuses /admin from outside the admin networks
    request: { method: GET, path: /admin, headers: { x-admin-token: abc }, source: "203.0.113.9:5555" }
    expect:
      upstream: false
      response: { status: 403, body: "forbidden\\n" }
      logs: [{ level: warn, contains: "outside admin_networks" }]

  - name: behind a gateway, judges the client's address, not the gateway pod's
    config: { trusted_hops: 1 }
    request: { method: GET, path: /admin, headers: { x-admin-token: abc, x-forwarded-for: "203.0.113.9" }, source: "10.1.0.5:40000" }
    expect:
      upstream: false
      response: { status: 403 }

  - name: asks for a token inside the admin networks
    request: { method: GET, path: /admin/users, source: "10.1.2.3:40000" }
    expect:
      upstream: false
      response: { status: 401, body: "missing x-admin-token\\n", headers: { www-authenticate: Token } }

  - name: lets a request with a token through from inside
    request: { method: GET, path: /admin/users, headers: { x-admin-token: abc }, source: "10.1.2.3:40000" }
    expect:
      upstream: { path: /admin/users, headers: { x-admin-token: abc } }
      response: { status: 200 }

  - name: knows IPv6 admin networks too
    request: { method: GET, path: /admin, headers: { x-admin-token: abc }, source: "[fd00::7]:40000" }
    expect:
      upstream: { path: /admin }
      response: { status: 200 }

  - name: leaves other paths alone
    request: { method: GET, path: /shop, source: "203.0.113.9:5555" }
    expect:
      upstream: { path: /shop }
      response: { status: 200 }

  - name: strips internal headers that a client sends
    request: { method: GET, path: /shop, headers: { x-internal-user: admin, x-request-tag: a } }
    expect:
      upstream: { headers: { x-request-tag: a }, absent: [x-internal-user] }

  - name: admin_networks can change at runtime
    config: { admin_networks: ["203.0.113.0/24"] }
    request: { method: GET, path: /admin, headers: { x-admin-token: abc }, source: "203.0.113.9:5555" }
    expect:
      upstream: { path: /admin }
      response: { status: 200 }
`,
  tryIt: { path: "/admin", look: "`403 Forbidden` when your address is outside `admin_networks`, `401 Unauthorized` inside them (then add `-H 'x-admin-token: any'` to get through)" },
  configExample: { admin_networks: ["10.1.0.0/16"] },
  exampleRule: "strip-internal-headers",
};
