import { ruleTester } from "../helpers.js";

ruleTester("response-rules-skip-local-replies", {
  valid: [
    'on response_headers set "x-a" = "1"',
    'on request_headers set "x-a" = "1"\non response_headers set "x-b" = "1"',
    'on request_headers { stop; deny 403 }\non response_headers set "x-b" = "1"',
    'on response_headers when response.status >= 500 respond 503 "unavailable"',
  ],
  invalid: [
    {
      code: 'on request_headers when request.path starts_with "/admin" deny 403\non response_headers set "strict-transport-security" = "max-age=600"',
      errors: [{ messageId: "skipsLocalReplies", line: 2, column: 1, endLine: 2, endColumn: 20 }],
    },
    {
      code: 'rule "old" on request_headers when request.path == "/old" redirect "/new"\nrule "audit" on response_headers log info "x"\non response_headers set "x-a" = "1"',
      errors: [{ messageId: "skipsLocalReplies", line: 2, column: 1, endLine: 2, endColumn: 33 }, { messageId: "skipsLocalReplies", line: 3, column: 1 }],
    },
  ],
});
