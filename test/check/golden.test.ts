import { describe, expect, it } from "vitest";
import { check } from "../../compiler/check/index.js";
import { renderDiagnostic } from "../../compiler/render.js";
import { Source } from "../../grammar/source.js";
import { parse } from "../../grammar/index.js";

/**
 * The exact text a user sees for each checker error (and one regex error passed through), from a small rule file
 * parsed by the real parser. Each snippet has exactly one problem. A change here is a change in what users read:
 * review it like prose.
 */
const GOLDEN: readonly { readonly code: string; readonly source: string; readonly rendered: string }[] = [
  {
    code: "E0201",
    source: 'on response_header set "x-frame-options" = "DENY"',
    rendered: [
      "error[E0201]: unknown phase `response_header`",
      " --> rules.fw:1:4",
      "  |",
      '1 | on response_header set "x-frame-options" = "DENY"',
      "  |    ^^^^^^^^^^^^^^^",
      "  = hint: did you mean `response_headers`?",
    ].join("\n"),
  },
  {
    code: "E0202",
    source: "param strict = true\non request_headers when strcit deny 403",
    rendered: [
      "error[E0202]: unknown name `strcit`: no param with this name is declared",
      " --> rules.fw:2:25",
      "  |",
      "2 | on request_headers when strcit deny 403",
      "  |                         ^^^^^^",
      "  = hint: did you mean `strict`?",
    ].join("\n"),
  },
  {
    code: "E0203",
    source: 'on request_headers when request.url starts_with "/admin" deny 403',
    rendered: [
      "error[E0203]: unknown field `request.url`",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when request.url starts_with "/admin" deny 403',
      "  |                         ^^^^^^^^^^^",
      "  = hint: did you mean `request.path`?",
    ].join("\n"),
  },
  {
    code: "E0204",
    source: 'on request_headers when request.header == "secret" deny 403',
    rendered: [
      "error[E0204]: `request.header` needs a key saying which one to read",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when request.header == "secret" deny 403',
      "  |                         ^^^^^^^^^^^^^^",
      '  = hint: write `request.header["x-request-id"]`',
    ].join("\n"),
  },
  {
    code: "E0205",
    source: 'on request_headers when request.path["v1"] == "/" deny 404',
    rendered: [
      "error[E0205]: field `request.path` takes no key",
      " --> rules.fw:1:37",
      "  |",
      '1 | on request_headers when request.path["v1"] == "/" deny 404',
      "  |                                     ^^^^^^",
      "  = hint: remove the `[...]` after `request.path`",
    ].join("\n"),
  },
  {
    code: "E0206",
    source: 'param name = "x-tenant"\non request_headers when request.header[name] == "acme" deny 403',
    rendered: [
      "error[E0206]: the key of `request.header` must be a string literal",
      " --> rules.fw:2:40",
      "  |",
      '2 | on request_headers when request.header[name] == "acme" deny 403',
      "  |                                        ^^^^",
      "  = hint: keys are fixed when the rules are compiled: write the name in quotes, without `${...}`",
    ].join("\n"),
  },
  {
    code: "E0207",
    source: 'on request_headers when lowr(request.path) == "/admin" deny 403',
    rendered: [
      "error[E0207]: unknown function `lowr`",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when lowr(request.path) == "/admin" deny 403',
      "  |                         ^^^^",
      "  = hint: did you mean `lower`?",
    ].join("\n"),
  },
  {
    code: "E0208",
    source: 'on request_headers when exists(request.header["a"], request.header["b"]) deny 400',
    rendered: [
      "error[E0208]: `exists` takes 1 argument, but 2 were given",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when exists(request.header["a"], request.header["b"]) deny 400',
      "  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: call `exists` once per value and combine the results, e.g. with `and`",
    ].join("\n"),
  },
  {
    code: "E0209",
    source: "param strict = true\non request_headers when exists(strict) deny 400",
    rendered: [
      "error[E0209]: `exists` tests a field, but `strict` is a param",
      " --> rules.fw:2:32",
      "  |",
      "2 | on request_headers when exists(strict) deny 400",
      "  |                                ^^^^^^",
      "  = hint: a param always has a value; test it directly or compare it",
    ].join("\n"),
  },
  {
    code: "E0210",
    source: "param limit = 10\nparam limit = 20",
    rendered: [
      "error[E0210]: param `limit` is declared twice",
      " --> rules.fw:2:7",
      "  |",
      "2 | param limit = 20",
      "  |       ^^^^^",
      " --> rules.fw:1:7",
      "  |",
      "1 | param limit = 10",
      "  |       ^^^^^ first declared here",
      "  = hint: rename one of them or remove the second",
    ].join("\n"),
  },
  {
    code: "E0211",
    source: 'param source = "10.0.0.0/8"',
    rendered: [
      "error[E0211]: a param cannot be named `source`: it is the start of field names like `source.address`",
      " --> rules.fw:1:7",
      "  |",
      '1 | param source = "10.0.0.0/8"',
      "  |       ^^^^^^",
      "  = hint: choose another name, e.g. `source_value`",
    ].join("\n"),
  },
  {
    code: "E0212",
    source: 'param home = "https://${request.host}/"',
    rendered: [
      "error[E0212]: the value of param `home` cannot interpolate `${...}`",
      " --> rules.fw:1:14",
      "  |",
      '1 | param home = "https://${request.host}/"',
      "  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: params are constants: write the text out in full",
    ].join("\n"),
  },
  {
    code: "E0213",
    source: 'on request_headers when request.method in ["GET", 1] deny 405',
    rendered: [
      "error[E0213]: list items must be string literals, but `1` is not one",
      " --> rules.fw:1:51",
      "  |",
      '1 | on request_headers when request.method in ["GET", 1] deny 405',
      "  |                                                   ^",
      '  = hint: write each item in quotes, as in ["GET", "HEAD"]',
    ].join("\n"),
  },
  {
    code: "E0214",
    source: 'on request_headers when response.status >= 500 set "retry-after" = "5"',
    rendered: [
      "error[E0214]: `response.status` cannot be read in `on request_headers`",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when response.status >= 500 set "retry-after" = "5"',
      "  |                         ^^^^^^^^^^^^^^^",
      "  = hint: response fields exist only once the upstream has answered: move this rule to `on response_headers`",
    ].join("\n"),
  },
  {
    code: "E0215",
    source: 'on response_headers rewrite prefix "/v1/" to "/"',
    rendered: [
      "error[E0215]: `rewrite prefix` cannot be used in `on response_headers`",
      " --> rules.fw:1:21",
      "  |",
      '1 | on response_headers rewrite prefix "/v1/" to "/"',
      "  |                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: the request has already gone upstream by then: move this action to a rule `on request_headers`",
    ].join("\n"),
  },
  {
    code: "E0216",
    source: 'on request_headers when request.header["x-debug"] set "x-trace" = "1"',
    rendered: [
      'error[E0216]: a condition must be true or false, but `request.header["x-debug"]` is a string',
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when request.header["x-debug"] set "x-trace" = "1"',
      "  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^",
      '  = hint: write a condition, e.g. `exists(request.header["x-debug"])` or `request.header["x-debug"] == "..."`',
    ].join("\n"),
  },
  {
    code: "E0217",
    source: 'on response_headers when response.status == "500" set "x-failed" = "yes"',
    rendered: [
      'error[E0217]: cannot compare `response.status` (an int) with `"500"` (a string)',
      " --> rules.fw:1:26",
      "  |",
      '1 | on response_headers when response.status == "500" set "x-failed" = "yes"',
      "  |                          ^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: write 500 without quotes",
    ].join("\n"),
  },
  {
    code: "E0218",
    source: 'on request_headers when request.header["content-length"] > 1000 deny 413',
    rendered: [
      'error[E0218]: `>` compares integers, but `request.header["content-length"]` is a string',
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when request.header["content-length"] > 1000 deny 413',
      "  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: only numbers are ordered; compare text with `==`, `starts_with` or `matches`",
    ].join("\n"),
  },
  {
    code: "E0219",
    source: 'on response_headers when response.status starts_with "5" set "x-failed" = "yes"',
    rendered: [
      "error[E0219]: `starts_with` works on strings, but `response.status` is an int",
      " --> rules.fw:1:26",
      "  |",
      '1 | on response_headers when response.status starts_with "5" set "x-failed" = "yes"',
      "  |                          ^^^^^^^^^^^^^^^",
      "  = hint: compare numbers with `==`, `<` or `>`",
    ].join("\n"),
  },
  {
    code: "E0221",
    source: 'on request_headers when destination.port in ["8080", "8443"] deny 403',
    rendered: [
      "error[E0221]: `in` tests whether a string is in a list, but `destination.port` is an int",
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when destination.port in ["8080", "8443"] deny 403',
      "  |                         ^^^^^^^^^^^^^^^^",
      "  = hint: compare integers one by one: `destination.port == 80 or destination.port == 443`",
    ].join("\n"),
  },
  {
    code: "E0222",
    source: 'on request_headers when request.method in "GET" deny 405',
    rendered: [
      'error[E0222]: the right side of `in` must be a list, but `"GET"` is not one',
      " --> rules.fw:1:43",
      "  |",
      '1 | on request_headers when request.method in "GET" deny 405',
      "  |                                           ^^^^^",
      '  = hint: write a list such as `["GET", "HEAD"]` or use a list param',
    ].join("\n"),
  },
  {
    code: "E0223",
    source: 'on request_headers when request.header["x-a"] and exists(request.header["x-b"]) deny 400',
    rendered: [
      'error[E0223]: `and` combines conditions, but `request.header["x-a"]` is a string',
      " --> rules.fw:1:25",
      "  |",
      '1 | on request_headers when request.header["x-a"] and exists(request.header["x-b"]) deny 400',
      "  |                         ^^^^^^^^^^^^^^^^^^^^^",
      '  = hint: write a condition, e.g. `exists(request.header["x-a"])` or `request.header["x-a"] == "..."`',
    ].join("\n"),
  },
  {
    code: "E0224",
    source: 'on response_headers when lower(response.status) == "200" set "x-ok" = "1"',
    rendered: [
      "error[E0224]: `lower` takes a string, but `response.status` is an int",
      " --> rules.fw:1:32",
      "  |",
      '1 | on response_headers when lower(response.status) == "200" set "x-ok" = "1"',
      "  |                                ^^^^^^^^^^^^^^^",
      "  = hint: it has no letters to lower-case: compare it directly",
    ].join("\n"),
  },
  {
    code: "E0225",
    source: 'on response_headers set "vary" = ["origin", "accept"]',
    rendered: [
      "error[E0225]: a list can only appear after `in`, after `contains any` (`starts_with any`, `ends_with any`) or as the value of a param",
      " --> rules.fw:1:34",
      "  |",
      '1 | on response_headers set "vary" = ["origin", "accept"]',
      "  |                                  ^^^^^^^^^^^^^^^^^^^^",
      '  = hint: use the list in a condition such as `request.method in ["GET", "HEAD"]`',
    ].join("\n"),
  },
  {
    code: "E0226",
    source: 'on request_headers set "x-admin" = "${request.path starts_with "/admin"}"',
    rendered: [
      'error[E0226]: cannot interpolate `request.path starts_with "/admin"`: `${...}` takes a value, not a condition',
      " --> rules.fw:1:39",
      "  |",
      '1 | on request_headers set "x-admin" = "${request.path starts_with "/admin"}"',
      "  |                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      "  = hint: interpolate a field or param",
    ].join("\n"),
  },
  {
    code: "E0401",
    source: 'on request_headers set "x request id" = "1"',
    rendered: [
      "error[E0401]: header name `x request id` contains a space, which is not allowed in a header name",
      " --> rules.fw:1:24",
      "  |",
      '1 | on request_headers set "x request id" = "1"',
      "  |                        ^^^^^^^^^^^^^^",
      "  = hint: header names use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
    ].join("\n"),
  },
  {
    code: "E0402",
    source: 'on response_headers set "X-Frame-Options" = "DENY"',
    rendered: [
      "error[E0402]: header name `X-Frame-Options` has upper-case letters",
      " --> rules.fw:1:25",
      "  |",
      '1 | on response_headers set "X-Frame-Options" = "DENY"',
      "  |                         ^^^^^^^^^^^^^^^^^",
      '  = hint: Envoy lower-cases header names: write "x-frame-options"',
    ].join("\n"),
  },
  {
    code: "E0403",
    source: 'on request_headers set ":host" = "example.com"',
    rendered: [
      "error[E0403]: unknown pseudo-header `:host`",
      " --> rules.fw:1:24",
      "  |",
      '1 | on request_headers set ":host" = "example.com"',
      "  |                        ^^^^^^^",
      "  = hint: only `:path`, `:method`, `:authority`, `:scheme`, `:status` start with `:`",
    ].join("\n"),
  },
  {
    code: "E0404",
    source: 'on response_headers remove prefix ""',
    rendered: [
      "error[E0404]: `remove prefix` needs a non-empty prefix",
      " --> rules.fw:1:35",
      "  |",
      '1 | on response_headers remove prefix ""',
      "  |                                   ^^",
      '  = hint: an empty prefix would remove every header: write one such as "x-internal-"',
    ].join("\n"),
  },
  {
    code: "E0405",
    source: 'on response_headers set "x-note" = "line one\\nline two"',
    rendered: [
      "error[E0405]: a header value cannot contain a line feed (\\n)",
      " --> rules.fw:1:36",
      "  |",
      '1 | on response_headers set "x-note" = "line one\\nline two"',
      "  |                                    ^^^^^^^^^^^^^^^^^^^^",
      "  = hint: line breaks and NUL would split or truncate the header: remove them",
    ].join("\n"),
  },
  {
    code: "E0406",
    source: 'param origins = ["https://a.example", "https://b.example"]\non response_headers set "access-control-allow-origin" = origins',
    rendered: [
      "error[E0406]: `origins` is a list, which cannot be used as a header value",
      " --> rules.fw:2:57",
      "  |",
      '2 | on response_headers set "access-control-allow-origin" = origins',
      "  |                                                         ^^^^^^^",
      "  = hint: use a string, or interpolate one field or param",
    ].join("\n"),
  },
  {
    code: "E0407",
    source: 'param trusted = ["10.0.0.0/8", "192.168.1"]\non request_headers when not (source.address in trusted) deny 403',
    rendered: [
      'error[E0407]: "192.168.1" is not an IP address or CIDR range: an IPv4 address has 4 numbers separated by dots, this has 3',
      " --> rules.fw:1:32",
      "  |",
      '1 | param trusted = ["10.0.0.0/8", "192.168.1"]',
      "  |                                ^^^^^^^^^^^",
      '  = hint: write an address such as "10.1.2.3" or "::1", or a range such as "10.0.0.0/8" or "2001:db8::/32"',
    ].join("\n"),
  },
  {
    code: "E0408",
    source: 'on request_headers when request.path starts_with "/admin" deny "403"',
    rendered: [
      'error[E0408]: the status of `deny` must be an integer literal, but `"403"` is not one',
      " --> rules.fw:1:64",
      "  |",
      '1 | on request_headers when request.path starts_with "/admin" deny "403"',
      "  |                                                                ^^^^^",
      "  = hint: write the number without quotes, e.g. `403`",
    ].join("\n"),
  },
  {
    code: "E0409",
    source: 'on request_headers when request.path == "/old" redirect 200 "/new"',
    rendered: [
      "error[E0409]: `redirect` status 200 is out of range: it must be between 300 and 399",
      " --> rules.fw:1:57",
      "  |",
      '1 | on request_headers when request.path == "/old" redirect 200 "/new"',
      "  |                                                         ^^^",
      "  = hint: redirects use 3xx statuses: 301, 302, 303, 307 or 308 (302 when omitted)",
    ].join("\n"),
  },
  {
    code: "E0410",
    source: 'on request_headers log warning "legacy client"',
    rendered: [
      "error[E0410]: unknown log level `warning`",
      " --> rules.fw:1:24",
      "  |",
      '1 | on request_headers log warning "legacy client"',
      "  |                        ^^^^^^^",
      "  = hint: write `warn`",
    ].join("\n"),
  },
  {
    code: "W0401",
    source: 'on request_headers when source.address in ["10.1.2.3/8"] deny 403',
    rendered: [
      'warning[W0401]: "10.1.2.3/8" has bits set after its prefix length, which are ignored',
      " --> rules.fw:1:44",
      "  |",
      '1 | on request_headers when source.address in ["10.1.2.3/8"] deny 403',
      "  |                                            ^^^^^^^^^^^^",
      '  = hint: write the network address: "10.0.0.0/8"',
    ].join("\n"),
  },
  {
    code: "E0301",
    source: 'on request_headers when request.path matches "^/(api|v1" deny 404',
    rendered: [
      "error[E0301]: this `(` is never closed",
      " --> rules.fw:1:49",
      "  |",
      '1 | on request_headers when request.path matches "^/(api|v1" deny 404',
      "  |                                                 ^",
      "  = hint: add a `)`, or write `\\(` to match a parenthesis",
    ].join("\n"),
  },
];

describe("rendered diagnostics", () => {
  it("cover at least 20 distinct codes", () => {
    expect(new Set(GOLDEN.map((g) => g.code)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(GOLDEN)("$code", ({ code, source: text, rendered }) => {
    const source = new Source("rules.fw", text);
    const parsed = parse(source);
    expect(parsed.diagnostics).toEqual([]);
    const { diagnostics } = check(parsed.program, { source });
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    expect(renderDiagnostic(source, diagnostics[0]!)).toBe(rendered);
  });
});
