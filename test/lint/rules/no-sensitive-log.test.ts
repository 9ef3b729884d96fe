import { ruleTester } from "../helpers.js";

ruleTester("no-sensitive-log", {
  valid: [
    'on request_headers log info "${request.method} ${request.path}"',
    'on request_headers log info "token present: ${exists(request.header["authorization"])}"',
    'on request_headers when request.header["authorization"] == "" deny 401',
    'on request_headers set "x-user" = request.header["x-user"]',
  ],
  invalid: [
    {
      code: 'on request_headers log info "auth=${request.header["authorization"]}"',
      errors: [{ messageId: "sensitive", line: 1, column: 37, endLine: 1, endColumn: 68 }],
    },
    { code: 'on request_headers log debug "session ${request.cookie["session"]}"', errors: [{ messageId: "sensitive", line: 1, column: 41 }] },
    { code: 'on response_headers log warn request.header["cookie"]', errors: [{ messageId: "sensitive", line: 1, column: 30 }] },
    { code: 'on response_headers log warn "${response.header["set-cookie"]} ${request.header["x-api-key"]}"', errors: [{ messageId: "sensitive", line: 1, column: 33 }, { messageId: "sensitive", line: 1, column: 66 }] },
  ],
});
