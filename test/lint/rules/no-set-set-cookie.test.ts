import { ruleTester } from "../helpers.js";

ruleTester("no-set-set-cookie", {
  valid: [
    'on response_headers add "set-cookie" = "seen=1; Path=/"',
    'on response_headers set_default "set-cookie" = "seen=1"',
    'on request_headers respond 200 "ok" with { "set-cookie" = "a=b" }',
    'on response_headers remove "set-cookie"',
  ],
  invalid: [
    { code: 'on response_headers set "set-cookie" = "seen=1"', errors: [{ messageId: "setSetCookie", line: 1, column: 21, endLine: 1, endColumn: 48 }] },
    { code: 'on response_headers when response.status == 200 {\n  log info "x"\n  set "set-cookie" = "a=b"\n}', errors: [{ messageId: "setSetCookie", line: 2 + 1, column: 3 }] },
    { code: 'on response_headers rename "x-cookie" to "set-cookie"', errors: [{ messageId: "renameToSetCookie", line: 1, column: 42 }] },
  ],
});
