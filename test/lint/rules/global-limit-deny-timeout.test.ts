import { ruleTester } from "../helpers.js";

ruleTester("global-limit-deny-timeout", {
  valid: [
    'rule "a" on request_headers limit 5 per minute via "rl"',
    'rule "a" on request_headers limit 5 per minute via "rl" on failure allow',
    'rule "a" on request_headers limit 5 per minute via "rl" timeout 50ms on failure deny',
    'rule "a" on request_headers limit 5 per minute by source.address',
  ],
  invalid: [
    { code: 'rule "a" on request_headers limit 5 per minute via "rl" on failure deny', errors: [{ messageId: "denyWithoutTimeout", line: 1, column: 57, endLine: 1, endColumn: 72 }] },
    {
      code: 'rule "a" on request_headers when request.method == "GET" stop else {\n  limit 5 per day by source.address via "rl" on failure deny\n}',
      errors: [{ messageId: "denyWithoutTimeout", line: 2, column: 46 }],
    },
  ],
});
