import { ruleTester } from "../helpers.js";

/** Lint rules look at every branch of a rule with `else`, and `on local_reply` rules run on local replies. */

ruleTester("no-unreachable", {
  valid: [
    // A terminator ends only its own branch: the next rule still runs when another branch does.
    'on request_headers when request.path == "/a" deny 403 else set "x" = "1"\non request_headers log info "b"',
    'on request_headers when request.path == "/a" deny 403 else when request.path == "/b" deny 404\non request_headers log info "b"',
  ],
  invalid: [
    {
      code: 'on request_headers when request.path == "/a" set "x" = "1" else { deny 403; log info "never" }',
      errors: [{ messageId: "actionAfterTerminator", line: 1, column: 77 }],
      output: 'on request_headers when request.path == "/a" set "x" = "1" else { deny 403 }',
    },
    {
      // Every branch ends the phase and a plain else catches the rest: the rule always ends it.
      code: 'on request_headers when request.path == "/a" deny 403 else deny 404\non request_headers log info "never"',
      errors: [{ messageId: "ruleAfterTerminator", line: 2, column: 1 }],
      output: null,
    },
  ],
});

ruleTester("no-constant-condition", {
  valid: ['on request_headers when request.path == "/a" deny 403 else when request.path == "/b" deny 404'],
  invalid: [
    {
      code: 'on request_headers when request.path == "/a" deny 403 else when false deny 404',
      errors: [{ messageId: "alwaysFalse", line: 1, column: 65 }],
      output: null,
    },
  ],
});

ruleTester("no-sensitive-log", {
  valid: ['on request_headers when request.path == "/a" log info "a" else log info "b"'],
  invalid: [
    {
      code: 'on request_headers when request.path == "/a" log info "a" else log info "${request.header["authorization"]}"',
      errors: [{ messageId: "sensitive", line: 1, column: 76 }],
    },
  ],
});

ruleTester("response-rules-skip-local-replies", {
  valid: [
    // `on local_reply` rules are the ones that do run on the filter's replies.
    'on request_headers when request.path == "/a" deny 403\non local_reply set "access-control-allow-origin" = "*"',
  ],
  invalid: [
    {
      // A reply in an else branch counts, even after a terminator in the first branch.
      code: 'on request_headers when request.path == "/a" stop else deny 403\non response_headers set "x-a" = "1"',
      errors: [{ messageId: "skipsLocalReplies", line: 2, column: 1 }],
    },
  ],
});
