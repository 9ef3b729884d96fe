import type { Template } from "../template.js";

export const securityHeaders: Template = {
  id: "security-headers",
  title: "Security headers",
  summary: "adds the security headers browsers honour and scanners check for, and hides the server software",
  rules: `# Security headers on every response: the baseline that browsers honour and scanners check for.

# How long browsers remember to use HTTPS only, in seconds (one year). Browsers cache it: start with 300 while
# you check that every subdomain serves HTTPS. Change it at runtime: {"hsts_max_age": 300}.
param hsts_max_age = 31536000
# DENY: no site may show these pages in a frame (against clickjacking). SAMEORIGIN allows your own site.
param frame_options = "DENY"

# Browsers must use HTTPS for this host and its subdomains.
rule "hsts" on response_headers
  set "strict-transport-security" = "max-age=\${hsts_max_age}; includeSubDomains"

rule "browser-hardening" on response_headers {
  # Browsers must not guess a content type other than the one sent.
  set "x-content-type-options" = "nosniff"
  set "x-frame-options" = frame_options
  # Send only the origin, not the full URL, when a link leads to another site.
  set "referrer-policy" = "strict-origin-when-cross-origin"
  # A strict default policy; set_default keeps the one the application sends, if any.
  set_default "content-security-policy" = "default-src 'self'"
}

# Do not tell the world which server software answered: it helps attackers pick their exploits.
rule "hide-server" on response_headers {
  remove "server"
  remove "x-powered-by"
}
`,
  cases: `cases:
  - name: every response gets the security headers
    request: { method: GET, path: / }
    expect:
      response:
        status: 200
        headers:
          strict-transport-security: "max-age=31536000; includeSubDomains"
          x-content-type-options: nosniff
          x-frame-options: DENY
          referrer-policy: strict-origin-when-cross-origin
          content-security-policy: "default-src 'self'"

  - name: the application's own content security policy is kept
    request: { method: GET, path: /app }
    response: { status: 200, headers: { content-security-policy: "default-src 'self' cdn.example.com" } }
    expect:
      response: { status: 200, headers: { content-security-policy: "default-src 'self' cdn.example.com" } }

  - name: the server software stays hidden
    request: { method: GET, path: / }
    response: { status: 500, headers: { server: nginx, x-powered-by: Express } }
    expect:
      response: { status: 500, absent: [server, x-powered-by] }

  - name: hsts_max_age can be lowered at runtime, while you try HTTPS out
    config: { hsts_max_age: 300 }
    request: { method: GET, path: / }
    expect:
      response: { headers: { strict-transport-security: "max-age=300; includeSubDomains" } }
`,
  tryIt: { path: "/", look: "`strict-transport-security`, `x-content-type-options` and the others among the response headers" },
  configExample: { hsts_max_age: 300 },
  exampleRule: "hide-server",
};
