import { ruleTester } from "../helpers.js";

ruleTester("repeated-header-first-value", {
  valid: [
    'on request_headers when exists(request.header["x-forwarded-for"]) log info "proxied"',
    'on request_headers when request.cookie["session"] == "x" deny 403',
    'on request_headers when request.header["x-id"] == "1" deny 403',
    'on request_headers set "x-client" = request.header["x-forwarded-for"]',
    'on request_headers when source.address in ["10.0.0.0/8"] deny 403',
  ],
  invalid: [
    {
      code: 'on request_headers when request.header["x-forwarded-for"] == "1.2.3.4" deny 403',
      errors: [{ messageId: "firstValueOnly", line: 1, column: 25, endLine: 1, endColumn: 58 }],
    },
    { code: 'on request_headers when request.header["accept"] contains "json" set "x-json" = "1"', errors: [{ messageId: "firstValueOnly", line: 1, column: 25 }] },
    { code: 'on request_headers when lower(request.header["cookie"]) contains "debug=1" deny 403', errors: [{ messageId: "firstValueOnly", line: 1, column: 31 }] },
    { code: 'on response_headers when response.header["set-cookie"] starts_with "session=" set "x-s" = "1"', errors: [{ messageId: "firstValueOnly", line: 1, column: 26 }] },
    { code: 'on request_headers when request.header["via"] != "" and request.header["forwarded"] matches "for=" deny 403', errors: [{ messageId: "firstValueOnly", line: 1, column: 25 }, { messageId: "firstValueOnly", line: 1, column: 57 }] },
  ],
});
