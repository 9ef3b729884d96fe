import { ruleTester } from "../helpers.js";

ruleTester("no-match-all-regex", {
  valid: [
    'on request_headers when request.path matches "^/v[0-9]+/" deny 403',
    'on request_headers when request.path matches "a+" deny 403',
    'on request_headers when request.path matches "^$" deny 403',
  ],
  invalid: [
    { code: 'on request_headers when request.path matches ".*" deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 46, endLine: 1, endColumn: 50 }] },
    { code: 'on request_headers when request.path matches "" deny 403', errors: [{ messageId: "alwaysTrue", line: 1, column: 46 }] },
    { code: 'on request_headers when request.header["x-id"] matches "x*" deny 403', errors: [{ messageId: "sameAsExists", line: 1, column: 56 }] },
    { code: 'on request_headers when lower(request.header["x-id"]) matches "^" deny 403', errors: [{ messageId: "presenceOnly", line: 1, column: 63 }] },
    {
      code: 'on request_headers when request.method == "GET" and (request.path matches "(a|b)*") deny 403',
      errors: [{ messageId: "alwaysTrue", line: 1, column: 75 }],
    },
  ],
});
