import { ruleTester } from "../helpers.js";

ruleTester("no-add-singleton-header", {
  valid: [
    'on response_headers set "content-type" = "application/json"',
    'on response_headers set_default "strict-transport-security" = "max-age=600"',
    'on response_headers add "cache-control" = "no-store"',
    'on response_headers add "set-cookie" = "a=b"',
    'on response_headers add "x-served-by" = "edge"',
  ],
  invalid: [
    { code: 'on response_headers add "content-type" = "text/html"', errors: [{ messageId: "addSingleton", line: 1, column: 21, endLine: 1, endColumn: 53 }] },
    { code: 'on request_headers when request.path == "/old" respond 301 "" with { "location" = "/new" }\non response_headers add "location" = "/new"', errors: [{ messageId: "addSingleton", line: 2, column: 21 }] },
    { code: 'on response_headers {\n  add "strict-transport-security" = "max-age=31536000"\n  add "x-frame-options" = "DENY"\n}', errors: [{ messageId: "addSingleton", line: 2, column: 3 }, { messageId: "addSingleton", line: 3, column: 3 }] },
    { code: 'on request_headers add "authorization" = "Bearer x"', errors: [{ messageId: "addSingleton", line: 1, column: 20 }] },
  ],
});
