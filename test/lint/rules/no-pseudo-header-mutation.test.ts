import { ruleTester } from "../helpers.js";

ruleTester("no-pseudo-header-mutation", {
  valid: [
    'on request_headers rewrite path "/v2${request.path}"',
    'on request_headers set "x-original-path" = request.path',
    'on request_headers when request.header[":authority"] == "a" deny 403',
    'on response_headers set "host-id" = "a"',
    'on response_headers remove "host"',
  ],
  invalid: [
    { code: 'on request_headers set ":path" = "/v2"', errors: [{ messageId: "usePathRewrite", line: 1, column: 24, endLine: 1, endColumn: 31 }] },
    { code: 'on request_headers set ":authority" = "backend.internal"', errors: [{ messageId: "set", line: 1, column: 24 }] },
    { code: 'on response_headers set ":status" = "200"', errors: [{ messageId: "set", line: 1, column: 25 }] },
    { code: 'on request_headers remove ":method"', errors: [{ messageId: "remove", line: 1, column: 27 }] },
    { code: 'on request_headers add ":authority" = "b"', errors: [{ messageId: "add", line: 1, column: 24 }] },
    { code: 'on request_headers rename ":path" to "x-path"', errors: [{ messageId: "rename", line: 1, column: 27 }] },
    { code: 'on response_headers set ":path" = "/"', errors: [{ messageId: "wrongPhase", line: 1, column: 25 }] },
    { code: 'on request_headers set ":status" = "404"', errors: [{ messageId: "wrongPhase", line: 1, column: 24 }] },
    { code: 'on request_headers respond 200 "ok" with { ":status" = "201" }', errors: [{ messageId: "localReply", line: 1, column: 44 }] },
    { code: 'on request_headers set "host" = "backend.internal"', errors: [{ messageId: "hostHeader", line: 1, column: 24 }] },
    { code: 'on request_headers rename "x-host" to "host"', errors: [{ messageId: "hostHeader", line: 1, column: 39 }] },
  ],
});
