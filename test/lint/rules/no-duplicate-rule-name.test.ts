import { ruleTester } from "../helpers.js";

ruleTester("no-duplicate-rule-name", {
  valid: [
    'rule "a" on request_headers log info "a"\nrule "b" on request_headers log info "b"',
    'on request_headers log info "a"\non request_headers log info "b"',
    'rule "a" on request_headers log info "a"\nrule "A" on request_headers log info "A"',
  ],
  invalid: [
    {
      code: 'rule "hsts" on response_headers set "strict-transport-security" = "max-age=600"\nrule "hsts" on response_headers set "x-frame-options" = "DENY"',
      errors: [{ messageId: "duplicate", line: 2, column: 6, endLine: 2, endColumn: 12 }],
    },
    {
      code: 'rule "x" on request_headers log info "1"\nrule "x" on response_headers log info "2"\nrule "x" on request_headers log info "3"',
      errors: [{ messageId: "duplicate", line: 2, column: 6 }, { messageId: "duplicate", line: 3, column: 6 }],
    },
  ],
});
