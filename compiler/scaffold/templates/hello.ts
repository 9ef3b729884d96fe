import type { Template } from "../template.js";

export const hello: Template = {
  id: "hello",
  title: "Hello",
  summary: "adds a `hello` header to every response and marks requests on their way to the service",
  rules: `# hello: the smallest useful filter. It shows that the filter runs, on the way in and on the way out.

# A param is a value operators can change at runtime, without a rebuild, through the plugin configuration:
# {"greeting": "there"}. The value here is the default.
param greeting = "world"

# Every response gets a \`hello\` header: \`curl -si\` any URL behind the proxy and look for it.
# Named rules can be switched off at runtime: {"disabled_rules": ["say-hello"]}.
rule "say-hello" on response_headers set "hello" = greeting

# Requests get a header too, so the service behind the proxy can see that the filter ran.
rule "mark-request" on request_headers set "x-filtered-by" = "filterc"
`,
  cases: `cases:
  - name: every response says hello
    request: { method: GET, path: / }
    expect:
      response: { status: 200, headers: { hello: world } }

  - name: error responses say hello too
    request: { method: GET, path: /missing }
    response: { status: 404 }
    expect:
      response: { status: 404, headers: { hello: world } }

  - name: the service sees that the request went through the filter
    request: { method: POST, path: /orders }
    expect:
      upstream: { path: /orders, headers: { x-filtered-by: filterc } }

  - name: the greeting can change at runtime, without a rebuild
    config: { greeting: there }
    request: { method: GET, path: / }
    expect:
      response: { status: 200, headers: { hello: there } }

  - name: a named rule can be switched off at runtime
    config: { disabled_rules: [say-hello] }
    request: { method: GET, path: / }
    expect:
      response: { status: 200, absent: [hello] }
`,
  tryIt: { path: "/", look: "`hello: world` among the response headers" },
  configExample: { greeting: "there" },
  exampleRule: "say-hello",
};
