import { ruleTester } from "../helpers.js";

ruleTester("no-content-length-change", {
  valid: [
    'on response_headers set "content-type" = "text/plain"',
    'on request_headers when exists(request.header["content-length"]) log info "sized"',
    'on request_headers respond 200 "ok" with { "content-type" = "text/plain" }',
  ],
  invalid: [
    { code: 'on response_headers set "content-length" = "0"', errors: [{ messageId: "write", line: 1, column: 25, endLine: 1, endColumn: 41 }] },
    { code: 'on request_headers add "content-length" = "10"', errors: [{ messageId: "write", line: 1, column: 24 }] },
    { code: 'on request_headers remove "content-length"', errors: [{ messageId: "remove", line: 1, column: 27 }] },
    { code: 'on response_headers rename "content-length" to "x-original-length"', errors: [{ messageId: "remove", line: 1, column: 28 }] },
    { code: 'on response_headers rename "x-length" to "content-length"', errors: [{ messageId: "write", line: 1, column: 42 }] },
    { code: 'on request_headers respond 200 "ok" with { "content-length" = "2" }', errors: [{ messageId: "localReply", line: 1, column: 44 }] },
  ],
});
