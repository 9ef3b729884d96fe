/** Lint rules see the rules inside `for host` / `for path prefix` blocks, with their scopes' tests (compiler/check/scopes.ts). */
import { ruleTester } from "./helpers.js";

ruleTester("no-duplicate-rule-name", {
  valid: ['for host "a.example" {\n  rule "a" on request_headers log info "a"\n}\nrule "b" on request_headers log info "b"'],
  invalid: [
    {
      code: 'rule "x" on request_headers log info "1"\nfor host "a.example" {\n  for path prefix "/p/" {\n    rule "x" on request_headers log info "2"\n  }\n}',
      errors: [{ messageId: "duplicate", line: 4, column: 10 }],
    },
  ],
});

ruleTester("no-unreachable", {
  // A deny inside a host block ends only that host's requests: the rules after it still run for the others.
  valid: ['for host "a.example" {\n  on request_headers deny 403\n}\non request_headers set "x-b" = "1"'],
  invalid: [
    {
      code: 'on request_headers deny 403\nfor host "a.example" {\n  on request_headers set "x-b" = "1"\n}',
      errors: [{ messageId: "ruleAfterTerminator", line: 3, column: 3 }],
      output: null,
    },
  ],
});

ruleTester("no-contradictory-comparison", {
  valid: ['for host "a.example" {\n  on request_headers when request.path == "/x" set "x-a" = "1"\n}'],
  invalid: [
    {
      // The rule's own condition contradicts its scope: it never runs.
      code: 'for host "a.example" {\n  on request_headers when request.hostname == "b.example" set "x-b" = "1"\n}',
      errors: [{ line: 2, column: 27 }],
    },
  ],
});
