import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import { describeCharacter, PSEUDO_HEADERS, type HeaderNameProblem } from "../header-names.js";

/** Header names in actions and keys: valid tokens, lower case, only the known pseudo-headers. */

export function badHeaderName(span: Span, name: string, problem: HeaderNameProblem): Diagnostic {
  switch (problem.kind) {
    case "empty":
      return error("E0401", span, "a header name cannot be empty", 'write a name such as "x-request-id"');
    case "character":
      return error(
        "E0401",
        span,
        `header name \`${name}\` contains ${describeCharacter(problem.character)}, which is not allowed in a header name`,
        "header names use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
      );
    case "uppercase":
      return error(
        "E0402",
        span,
        `header name \`${name}\` has upper-case letters`,
        `Envoy lower-cases header names: write "${problem.lowercase}"`,
      );
    case "pseudo":
      return error(
        "E0403",
        span,
        `unknown pseudo-header \`${name}\``,
        `only ${PSEUDO_HEADERS.map((h) => `\`${h}\``).join(", ")} start with \`:\``,
      );
  }
}

export function badHeaderPrefix(span: Span, prefix: string, problem: HeaderNameProblem): Diagnostic {
  switch (problem.kind) {
    case "empty":
      return error("E0404", span, "`remove prefix` needs a non-empty prefix", 'an empty prefix would remove every header: write one such as "x-internal-"');
    case "character":
    case "pseudo":
      return error(
        "E0404",
        span,
        `header prefix \`${prefix}\` contains ${describeCharacter(problem.kind === "pseudo" ? ":" : problem.character)}, which no header name can contain`,
        "header names use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
      );
    case "uppercase":
      return error("E0404", span, `header prefix \`${prefix}\` has upper-case letters`, `Envoy lower-cases header names: write "${problem.lowercase}"`);
  }
}

export const HEADER_DOCS: Record<string, CodeDoc> = {
  E0401: {
    title: "invalid header name",
    explanation: `A header name is an HTTP token (RFC 9110): letters, digits and the symbols
\`! # $ % & ' * + - . ^ _ | ~\` and the backtick, at least one character, no spaces or colons.

Incorrect:

\`\`\`fw
on request_headers set "x request id" = "1"
\`\`\`

Correct:

\`\`\`fw
on request_headers set "x-request-id" = "1"
\`\`\`
`,
  },
  E0402: {
    title: "upper-case header name",
    explanation: `Envoy stores header names in lower case (HTTP/2 and HTTP/3 require it), so names in rules are written in
lower case too. This applies to actions and to keys such as \`request.header["..."]\`.

Incorrect:

\`\`\`fw
on response_headers set "X-Frame-Options" = "DENY"
\`\`\`

Correct:

\`\`\`fw
on response_headers set "x-frame-options" = "DENY"
\`\`\`
`,
  },
  E0403: {
    title: "unknown pseudo-header",
    explanation: `Names starting with \`:\` are HTTP/2 pseudo-headers. Only \`:path\`, \`:method\`, \`:authority\`,
\`:scheme\` and \`:status\` exist.

Incorrect:

\`\`\`fw
on request_headers set ":host" = "example.com"
\`\`\`

Correct:

\`\`\`fw
on request_headers set ":authority" = "example.com"
\`\`\`
`,
  },
  E0404: {
    title: "invalid header prefix",
    explanation: `\`remove prefix "..."\` removes every header whose name starts with the prefix. The prefix must be
non-empty (an empty one would remove every header), lower case and made of header-name characters.

Incorrect:

\`\`\`fw
on response_headers remove prefix "X-Internal-"
\`\`\`

Correct:

\`\`\`fw
on response_headers remove prefix "x-internal-"
\`\`\`
`,
  },
};
