import { ruleTester } from "../helpers.js";

ruleTester("no-unreachable", {
  valid: [
    'on request_headers when request.path == "/a" deny 403\non request_headers log info "b"',
    'on request_headers deny 403\non response_headers set "x-a" = "1"',
    'on request_headers { log info "a"; deny 403 }',
    'on request_headers when false deny 403\non request_headers log info "b"',
    'on response_headers stop\non request_headers log info "still runs"',
  ],
  invalid: [
    {
      code: 'on request_headers deny 403\non request_headers log info "never"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'rule "maintenance" on request_headers when true respond 503 "down"\nrule "a" on request_headers log info "a"\non response_headers log info "r"\non request_headers redirect "/b"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1 }, { messageId: "ruleAfterTerminator", line: 4, column: 1 }],
    },
    {
      code: 'on response_headers { set "x-a" = "1"; stop }\non response_headers set "x-b" = "2"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1 }],
    },
    {
      code: 'on request_headers { deny 403; set query "k" = "1" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 32, endLine: 1, endColumn: 51 }],
    },
    {
      code: 'on request_headers { deny 403; log info "after" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 32, endLine: 1, endColumn: 48 }],
    },
    {
      code: 'on request_headers when request.path == "/a" {\n  stop\n  set "x-a" = "1"\n  log info "x"\n}',
      errors: [{ messageId: "actionAfterTerminator", line: 3, column: 3, endLine: 4, endColumn: 15 }],
    },
  ],
});
