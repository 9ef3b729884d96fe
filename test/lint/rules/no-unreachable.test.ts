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
      output: null,
    },
    {
      code: 'rule "maintenance" on request_headers when true respond 503 "down"\nrule "a" on request_headers log info "a"\non response_headers log info "r"\non request_headers redirect "/b"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1 }, { messageId: "ruleAfterTerminator", line: 4, column: 1 }],
      output: null,
    },
    {
      code: 'on response_headers { set "x-a" = "1"; stop }\non response_headers set "x-b" = "2"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1 }],
      output: null,
    },
    {
      code: 'on request_headers { deny 403; set query "k" = "1" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 32, endLine: 1, endColumn: 51 }],
      output: 'on request_headers { deny 403 }',
    },
    {
      code: 'on request_headers { deny 403; log info "after" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 32, endLine: 1, endColumn: 48 }],
      output: 'on request_headers { deny 403 }',
    },
    {
      code: 'on request_headers when request.path == "/a" {\n  stop\n  set "x-a" = "1"\n  log info "x"\n}',
      errors: [{ messageId: "actionAfterTerminator", line: 3, column: 3, endLine: 4, endColumn: 15 }],
      output: 'on request_headers when request.path == "/a" {\n  stop\n}',
    },
    // In an else branch; the other branch keeps its actions.
    {
      code: 'on request_headers when request.path == "/a" set "x-a" = "1" else { redirect "/b"; log info "gone" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 84 }],
      output: 'on request_headers when request.path == "/a" set "x-a" = "1" else { redirect "/b" }',
    },
    // No fix: `let` declares a name; a comment would be lost; a shadow rule can be switched to enforce.
    {
      code: 'on request_headers when request.path == "/a" { deny 403; let v = "x" }\non request_headers log info "${v}"',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 58 }],
      output: null,
    },
    {
      code: 'on request_headers {\n  deny 403\n  # why not\n  log info "x"\n}',
      errors: [{ messageId: "actionAfterTerminator", line: 4, column: 3 }],
      output: null,
    },
    {
      code: 'rule "s" shadow on request_headers { deny 403; log info "x" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 48 }],
      output: null,
    },
  ],
});
