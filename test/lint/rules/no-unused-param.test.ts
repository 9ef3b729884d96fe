import { ruleTester } from "../helpers.js";

ruleTester("no-unused-param", {
  valid: [
    'param strict = false\non request_headers when strict deny 403',
    'on response_headers set "x-a" = greeting\nparam greeting = "hi"',
    'param max_age = 600\non response_headers set "strict-transport-security" = "max-age=${max_age}"',
    'param blocked = ["10.0.0.0/8"]\non request_headers when source.address in blocked deny 403',
    'param version = "2"\non request_headers set query "api" = version',
  ],
  invalid: [
    { code: 'param unused = 1\non request_headers log info "x"', errors: [{ messageId: "unused", line: 1, column: 7, endLine: 1, endColumn: 13 }] },
    { code: 'param a = "x"\nparam b = "y"\non request_headers set "x-a" = a', errors: [{ messageId: "unused", line: 2, column: 7 }] },
  ],
});
