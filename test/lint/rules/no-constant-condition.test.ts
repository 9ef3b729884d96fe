import { ruleTester } from "../helpers.js";

ruleTester("no-constant-condition", {
  valid: [
    'on request_headers when request.path == "/a" deny 403',
    'param strict = false\non request_headers when strict deny 403',
    'param strict = true\non request_headers when strict and request.path == "/a" deny 403',
    // A header may be absent: then == is false, so this is exists(...), not true.
    'on request_headers when request.header["x-a"] == request.header["x-a"] deny 403',
    'on request_headers when request.header["x-a"] != request.header["x-a"] deny 403',
    'on request_headers when exists(request.header["x-a"]) deny 403',
    'on request_headers when request.path in ["/a", "/b"] deny 403',
    'on request_headers when request.header["x-a"] contains "" deny 403',
    // Arithmetic may be absent (a zero divisor, an absent operand): equal to itself only when it is there.
    "on request_headers when destination.port / 0 == destination.port / 0 deny 403",
    // New at every evaluation: two calls are two values.
    'on request_headers when random() == random() deny 403',
    'on request_headers when uuid() != uuid() deny 403',
  ],
  invalid: [
    { code: "on request_headers when true deny 403", errors: [{ messageId: "alwaysTrue", line: 1, column: 25, endLine: 1, endColumn: 29 }] , output: "on request_headers deny 403" },
    { code: "on request_headers when false deny 403", errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    { code: "on request_headers when request.path == request.path deny 403", errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: "on request_headers when request.path != request.path deny 403", errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    { code: 'on request_headers when "a" == "b" deny 403', errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    // hash() folds: xxHash32 of "a" is 0x550d7456, 1426945110.
    { code: 'on request_headers when hash("a") == 1426945110 deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: "on request_headers when not (1 < 2) deny 403", errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    { code: "on request_headers when exists(request.path) deny 403", errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: 'on request_headers when request.path in [] deny 403', errors: [{ messageId: "alwaysFalse", line: 1, column: 25 }] , output: null },
    { code: 'on request_headers when lower("ABC") == "abc" deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: 'on request_headers when request.path starts_with "" deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }] , output: "on request_headers deny 403" },
    { code: 'param strict = true\non request_headers when strict or (false and request.path == "/a") deny 403', errors: [{ messageId: "noEffect", line: 2, column: 35, endLine: 2, endColumn: 67 }] , output: "param strict = true\non request_headers when strict deny 403" },
    { code: 'on request_headers when true and request.path == "/a" deny 403', errors: [{ messageId: "noEffect", line: 1, column: 25, endLine: 1, endColumn: 29 }] , output: 'on request_headers when request.path == "/a" deny 403' },
    { code: 'on request_headers when request.path == "/a" or false deny 403', errors: [{ messageId: "noEffect", line: 1, column: 49 }] , output: 'on request_headers when request.path == "/a" deny 403' },
    {
      code: 'on request_headers when not (request.method == "GET" and exists(request.host)) deny 405',
      errors: [{ messageId: "noEffect", line: 1, column: 58 }],
      output: 'on request_headers when not (request.method == "GET") deny 405',
    },
    // No fix: `else` needs the `when`; `match[1]` reads the group of the `matches`; a comment would go with it.
    {
      code: 'on request_headers when true deny 403 else deny 404',
      errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }],
      output: null,
    },
    {
      code: 'on request_headers when request.path matches "(.*)" and true log info "${match[1]}"',
      errors: [{ messageId: "noEffect", line: 1, column: 57 }],
      output: 'on request_headers when request.path matches "(.*)" log info "${match[1]}"',
    },
    {
      code: 'on request_headers when true or request.path matches "^/a" log info "x"',
      errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }],
      output: null,
    },
    {
      code: 'on request_headers when request.path == "/a" and (random() > 5 or true) deny 403',
      errors: [{ messageId: "noEffect", line: 1, column: 50 }],
      output: null,
    },
    {
      code: 'on request_headers when true # always\n  deny 403',
      errors: [{ messageId: "alwaysTrue", line: 1, column: 25 }],
      output: 'on request_headers # always\n  deny 403',
    },
    {
      code: 'on request_headers when exists(request.path) and # why\n request.path == "/a" deny 403',
      errors: [{ messageId: "noEffect", line: 1, column: 25 }],
      output: null,
    },
  ],
});
