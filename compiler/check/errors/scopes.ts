import type { Span } from "../../../grammar/ast.js";
import { error, warning, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** `for host`, `for host suffix`, `for path prefix`: their literals and how they nest (compiler/check/scopes.ts). */

export function invalidHost(span: Span, value: string, why: string, fix: string): Diagnostic {
  return error("E0295", span, `"${value}" can never equal request.hostname: ${why}`, fix);
}

export function invalidHostSuffix(span: Span, value: string, why: string, fix: string): Diagnostic {
  return error("E0296", span, `"${value}" is not a host suffix: ${why}`, fix);
}

export function invalidPathPrefix(span: Span, value: string, why: string, fix: string): Diagnostic {
  return error("E0297", span, `"${value}" is not a path prefix: ${why}`, fix);
}

export function unreachableScope(span: Span, inner: string, outer: string, outerSpan: Span): Diagnostic {
  return {
    ...error(
      "E0298",
      span,
      `\`${inner}\` can never match inside \`${outer}\`: no request matches both, so the rules inside never run`,
      "move this block out of the enclosing one, or fix one of the two values",
    ),
    related: [{ span: outerSpan, message: "the enclosing scope" }],
  };
}

export function redundantScope(span: Span, inner: string, outer: string, outerSpan: Span): Diagnostic {
  return {
    ...warning("W0450", span, `\`${inner}\` adds nothing inside \`${outer}\`: every request the enclosing scope matches matches this one too`, "remove this `for` and keep its rules"),
    related: [{ span: outerSpan, message: "the enclosing scope" }],
  };
}

export const SCOPE_DOCS: Record<string, CodeDoc> = {
  E0295: {
    title: "a host that can never match",
    explanation: `\`for host "NAME"\` compares NAME with \`request.hostname\`: \`:authority\` without its port, ASCII letters
in lower case. A NAME with a port, upper-case letters, a wildcard or characters a hostname cannot hold would never
be equal to it, so filterc refuses it and says what to write.

Incorrect:

\`\`\`fw
for host "API.example.com:8443" {
  on request_headers set "x-api" = "1"
}
\`\`\`

Correct:

\`\`\`fw
for host "api.example.com" {
  on request_headers when request.port == 8443 set "x-api" = "1"
}
\`\`\`

For every name under a domain, use \`for host suffix ".example.com"\`.`,
  },
  E0296: {
    title: "a host suffix that is not `.` and a hostname",
    explanation: `\`for host suffix ".example.com"\` matches the hostnames that end with \`.example.com\`: \`a.example.com\`,
\`a.b.example.com\`, but not \`badexample.com\` and not \`example.com\` itself. The suffix starts with \`.\`, so it
always ends at a label boundary, and the rest follows the rules of E0295.

Incorrect:

\`\`\`fw
for host suffix "example.com" {
  on request_headers set "x-zone" = "example"
}
\`\`\`

Correct:

\`\`\`fw
for host suffix ".example.com" {
  on request_headers set "x-zone" = "example"
}
for host "example.com" {
  on request_headers set "x-zone" = "example"
}
\`\`\``,
  },
  E0297: {
    title: "a path prefix that is not a path",
    explanation: `\`for path prefix "/api/"\` matches the requests whose path, without its query string, starts with
\`/api/\`, byte for byte (as Envoy's route \`prefix\`: \`"/api"\` matches \`/apis\` too, so end a directory with
\`/\`). The prefix starts with \`/\` and cannot hold \`?\` or \`#\`: the query is not part of what it is compared
with. Test query parameters in the rules' \`when\`.

Incorrect:

\`\`\`fw
for path prefix "api/?v=2" {
  on request_headers set "x-api" = "2"
}
\`\`\`

Correct:

\`\`\`fw
for path prefix "/api/" {
  on request_headers when request.query["v"] == "2" set "x-api" = "2"
}
\`\`\``,
  },
  E0298: {
    title: "a scope nested where it can never match",
    explanation: `A \`for\` block inside another applies both: a request must match the two. When no request can
(two different hosts, a suffix the enclosing host does not end with, two path prefixes neither of which starts
with the other), the rules inside could never run, which is a mistake.

Incorrect:

\`\`\`fw
for path prefix "/api/" {
  for path prefix "/admin/" {
    on request_headers deny 403
  }
}
\`\`\`

Correct:

\`\`\`fw
for path prefix "/api/" {
  for path prefix "/api/admin/" {
    on request_headers deny 403
  }
}
\`\`\``,
  },
  W0450: {
    title: "a scope that repeats an enclosing one",
    explanation: `A \`for\` block inside another whose test the enclosing one already implies (the same value again, a
suffix of the enclosing host, a shorter path prefix) narrows nothing. It is a warning: the rules run as written,
but the block is noise, or another value was meant.

Incorrect:

\`\`\`fw
for host "api.example.com" {
  for host suffix ".example.com" {
    on request_headers set "x-api" = "1"
  }
}
\`\`\`

Correct:

\`\`\`fw
for host "api.example.com" {
  on request_headers set "x-api" = "1"
}
\`\`\``,
  },
};
