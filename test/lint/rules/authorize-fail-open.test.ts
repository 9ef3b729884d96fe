import { ruleTester } from "../helpers.js";

ruleTester("authorize-fail-open", {
  valid: [
    'rule "a" on request_headers authorize with "ext-authz"',
    'rule "a" on request_headers authorize with "ext-authz" grpc on failure deny',
    'rule "a" shadow on request_headers authorize with "ext-authz" on failure allow',
  ],
  invalid: [
    { code: 'rule "a" on request_headers authorize with "ext-authz" on failure allow', errors: [{ messageId: "failOpen", line: 1, column: 56, endLine: 1, endColumn: 72 }] },
    {
      code: 'on request_headers when request.method == "GET" stop else {\n  authorize with "ext-authz" grpc timeout 1s on failure allow\n}',
      errors: [{ messageId: "failOpen", line: 2, column: 46 }],
    },
  ],
});
