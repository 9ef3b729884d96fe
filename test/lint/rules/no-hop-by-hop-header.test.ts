import { ruleTester } from "../helpers.js";

ruleTester("no-hop-by-hop-header", {
  valid: [
    'on request_headers set "x-connection-id" = "1"',
    'on request_headers remove "connection"',
    'on response_headers remove "transfer-encoding"',
    'on request_headers rename "upgrade" to "x-original-upgrade"',
    'on request_headers respond 200 "ok" with { "x-te" = "1" }',
  ],
  invalid: [
    { code: 'on request_headers set "connection" = "close"', errors: [{ messageId: "write", line: 1, column: 24, endLine: 1, endColumn: 36 }] },
    { code: 'on response_headers add "transfer-encoding" = "chunked"', errors: [{ messageId: "write", line: 1, column: 25 }] },
    { code: 'on request_headers set_default "te" = "trailers"', errors: [{ messageId: "write", line: 1, column: 32 }] },
    { code: 'on request_headers {\n  set "keep-alive" = "timeout=5"\n  set "upgrade" = "websocket"\n}', errors: [{ messageId: "write", line: 2, column: 7 }, { messageId: "write", line: 3, column: 7 }] },
    { code: 'on response_headers rename "x-trailer" to "trailer"', errors: [{ messageId: "write", line: 1, column: 43 }] },
    { code: 'on request_headers respond 426 "upgrade" with { "upgrade" = "h2c", "proxy-connection" = "close" }', errors: [{ messageId: "localReply", line: 1, column: 49 }, { messageId: "localReply", line: 1, column: 68 }] },
  ],
});
