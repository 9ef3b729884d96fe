import { ruleTester } from "../helpers.js";

ruleTester("no-conflicting-set", {
  valid: [
    // A default that a later, narrower rule overrides.
    'on response_headers set "x-a" = "1"\non response_headers when response.status >= 500 set "x-a" = "2"',
    'on response_headers set "x-a" = "1"\non response_headers set "x-a" = "1"',
    'on request_headers set "x-a" = "1"\non response_headers set "x-a" = "2"',
    // The value is read in between.
    'on request_headers set "x-a" = "1"\non request_headers when request.header["x-a"] == "1" log info "one"\non request_headers set "x-a" = "2"',
    'on request_headers set "x-a" = "1"\non request_headers set "x-a" = "${request.header["x-a"]},2"',
    // A stop in between can keep the later rule from running.
    'on request_headers set "x-a" = "1"\non request_headers when request.path == "/a" stop\non request_headers set "x-a" = "2"',
    // The first rule changes what the second rule's condition reads.
    'on request_headers when not exists(request.header["x-b"]) { set "x-a" = "1"; set "x-b" = "y" }\non request_headers when not exists(request.header["x-b"]) set "x-a" = "2"',
    'on request_headers { set "x-a" = "1"; add "x-a" = "2" }',
    'on request_headers { set "x-a" = "1"; log info "${request.header["x-a"]}"; set "x-a" = "2" }',
    'on request_headers { set "x-a" = "1"; deny 403 }\non request_headers set "x-a" = "2"',
    'on request_headers when request.path == "/a" set "x-a" = "1"\non request_headers when request.path == "/b" set "x-a" = "2"',
    // A query edit in between changes what the later rule's condition reads; a query value reads the header.
    'on request_headers when request.query["v"] == "1" set "x-a" = "1"\non request_headers set query "v" = "2"\non request_headers when request.query["v"] == "1" set "x-a" = "2"',
    'on request_headers { set "x-a" = "1"; set query "k" = request.header["x-a"]; set "x-a" = "2" }',
  ],
  invalid: [
    {
      code: 'on request_headers {\n  set "x-a" = "1"\n  set query "k" = "v"\n  remove query "j"\n  set "x-a" = "2"\n}',
      errors: [{ messageId: "overwrittenInRule", line: 2, column: 3 }],
      output: 'on request_headers {\n  set query "k" = "v"\n  remove query "j"\n  set "x-a" = "2"\n}',
    },
    {
      code: 'on response_headers set "x-frame-options" = "DENY"\non response_headers set "x-frame-options" = "SAMEORIGIN"',
      errors: [{ messageId: "overwrittenByRule", line: 1, column: 21, endLine: 1, endColumn: 51 }],
      output: null,
    },
    {
      code: 'on request_headers when request.path == "/a" set "x-a" = "1"\non request_headers when request.path == "/a" set "x-a" = "2"',
      errors: [{ messageId: "overwrittenByRule", line: 1, column: 46 }],
      output: null,
    },
    {
      code: 'on request_headers when request.path == "/a" set "x-a" = "1"\non request_headers log info "x"\non request_headers set "x-a" = "2"',
      errors: [{ messageId: "overwrittenByRule", line: 1, column: 46 }],
      output: null,
    },
    {
      code: 'on request_headers {\n  set "x-a" = "1"\n  log info "between"\n  set "x-a" = "2"\n}',
      errors: [{ messageId: "overwrittenInRule", line: 2, column: 3, endLine: 2, endColumn: 18 }],
      output: 'on request_headers {\n  log info "between"\n  set "x-a" = "2"\n}',
    },
    // On one line: the `;` and the blank after the removed set go with it.
    {
      code: 'on request_headers { set "x-a" = "1"; set "x-a" = "2" }',
      errors: [{ messageId: "overwrittenInRule", line: 1, column: 22, endLine: 1, endColumn: 37 }],
      output: 'on request_headers { set "x-a" = "2" }',
    },
    // A comment after the removed set on its line stays.
    {
      code: 'on request_headers {\n  set "x-a" = "1" # the old value\n  set "x-a" = "2"\n}',
      errors: [{ messageId: "overwrittenInRule", line: 2, column: 3 }],
      output: 'on request_headers {\n  # the old value\n  set "x-a" = "2"\n}',
    },
    // No fix: a shadow rule reports every action it would run; uuid() draws from the seeded generator; a comment
    // inside the set would be lost.
    {
      code: 'rule "s" shadow on request_headers { set "x-a" = "1"; set "x-a" = "2" }',
      errors: [{ messageId: "overwrittenInRule", line: 1, column: 38 }],
      output: null,
    },
    {
      code: 'on request_headers { set "x-a" = "${uuid()}"; set "x-a" = "2" }',
      errors: [{ messageId: "overwrittenInRule", line: 1, column: 22 }],
      output: null,
    },
    {
      code: 'on request_headers {\n  set "x-a" = # first\n    "1"\n  set "x-a" = "2"\n}',
      errors: [{ messageId: "overwrittenInRule", line: 2, column: 3 }],
      output: null,
    },
    {
      code: 'on request_headers set "x-a" = "1"\non request_headers when request.path == "/b" set "x-a" = "3"\non request_headers set "x-a" = "2"',
      errors: [{ messageId: "overwrittenByRule", line: 1, column: 20 }, { messageId: "overwrittenByRule", line: 2, column: 46 }],
      output: null,
    },
  ],
});
