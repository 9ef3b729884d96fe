import type { CodeDoc } from "./diagnostic.js";
import { STATEMENT_STARTS_TEXT } from "./tokens.js";
import { GLOBAL_LIMIT_SYNTAX_CODES } from "./global-limit-syntax.js";
import { AUTHORIZE_SYNTAX_CODES } from "./authorize-syntax.js";
import { LIMIT_SYNTAX_CODES } from "./limit-syntax.js";
import { MAX_ARITHMETIC_DEPTH, MAX_FILE_CHARS, MAX_NAME_BYTES, MAX_NESTING, MAX_OPERATORS, MAX_SCOPE_NESTING } from "./limits.js";

/**
 * Every diagnostic code the grammar emits, for `filterc explain`. E0101-E0109 are lexical (characters and
 * strings), E0110-E0119 syntactic, E0120-E0129 limits (limits.ts),
 * E0130 on the word `any`, E0142-E0143 shadow rules, E0144-E0145 `replace`, E0138-E0139 `let`, E0140-E0141 on the bounds of `count ... by`, E0150-E0153 `limit` (limit-syntax.ts), E0154-E0158 its `via` (global-limit-syntax.ts), E0160-E0165 `authorize` (authorize-syntax.ts). E0131-E0135 scopes (`for host ... { }`;
 * E0133 is their nesting limit). Codes are stable: retire a code rather than reuse it.
 */
export const GRAMMAR_CODES: Readonly<Record<string, CodeDoc>> = {
  ...LIMIT_SYNTAX_CODES,
  ...GLOBAL_LIMIT_SYNTAX_CODES,
  ...AUTHORIZE_SYNTAX_CODES,
  E0101: {
    title: "unexpected character",
    explanation: `A character that has no meaning in a rule file, outside a string and a comment.

Usual causes are operators from other languages (\`&&\`, \`||\`, \`!\`) and header names written without quotes.

Incorrect:

    on request_headers when request.method == "GET" && connection.mtls deny 403
    on request_headers set x-env = "prod"

Correct:

    on request_headers when request.method == "GET" and connection.mtls deny 403
    on request_headers set "x-env" = "prod"`,
  },
  E0102: {
    title: "unterminated string",
    explanation: `A string has no closing \`"\` on its line. Strings never span lines.

Incorrect:

    on request_headers set "x-env = "prod"

Correct:

    on request_headers set "x-env" = "prod"

To put a line break in a value, write \`\\n\`.`,
  },
  E0103: {
    title: "unknown escape in a string",
    explanation: `A backslash in a string starts an escape, and only these exist: \`\\\\\` \`\\"\` \`\\n\` \`\\t\` \`\\r\` \`\\$\` and \`\\u{XXXX}\`.

Regular-expression escapes such as \`\\d\` are kept as written only in the pattern after \`matches\`.

Incorrect:

    on request_headers set "x-path" = "C:\\data"

Correct:

    on request_headers set "x-path" = "C:\\\\data"
    on request_headers when request.path matches "^/v\\d+/" deny 404`,
  },
  E0104: {
    title: "invalid Unicode escape",
    explanation: `\`\\u\` must be followed by 1 to 6 hexadecimal digits in braces naming a Unicode character (not a surrogate,
at most 10FFFF).

Incorrect:

    on response_headers set "x-name" = "caf\\u00e9"

Correct:

    on response_headers set "x-name" = "caf\\u{e9}"`,
  },
  E0105: {
    title: "single-quoted string",
    explanation: `Strings use double quotes. A single-quoted string is read as a string so the rest of the file can be checked,
but the file is not accepted.

Incorrect:

    on request_headers when request.method == 'POST' deny 405

Correct:

    on request_headers when request.method == "POST" deny 405`,
  },
  E0106: {
    title: "unterminated interpolation",
    explanation: `A \`\${\` in a string starts an interpolation that must be closed with \`}\` on the same line.

Incorrect:

    on request_headers set "x-id" = "id=\${request.id"

Correct:

    on request_headers set "x-id" = "id=\${request.id}"

For a literal \`\${\`, escape the dollar: \`"\\\${"\`.`,
  },
  E0107: {
    title: "empty interpolation",
    explanation: `\`\${}\` holds nothing to insert.

Incorrect:

    on request_headers set "x-host" = "host=\${}"

Correct:

    on request_headers set "x-host" = "host=\${request.host}"`,
  },
  E0108: {
    title: "interpolation in a `matches` pattern",
    explanation: `Patterns after \`matches\` are compiled when the filter is built, so they cannot depend on request values.

Incorrect:

    on request_headers when request.path matches "^/\${prefix}/" deny 404

Correct:

    on request_headers when request.path starts_with "/internal/" deny 404
    on request_headers when request.path matches "^/internal/" deny 404

To match a literal \`\${\`, write \`\\\${\` in the pattern.`,
  },
  E0109: {
    title: "integer too large",
    explanation: `Integers must be at most 9007199254740991 (2^53 - 1), the largest that survives every stage exactly.

Incorrect:

    param limit = 99999999999999999999

Correct:

    param limit = 1000000`,
  },
  E0110: {
    title: "expected a statement",
    explanation: `At the top level a file holds only statements, and each starts with ${STATEMENT_STARTS_TEXT}.
This error usually follows a misspelled keyword, an action outside a rule, or a stray \`}\`.

Incorrect:

    deny 403
    rul "block" on request_headers deny 403

Correct:

    on request_headers deny 403
    rule "block" on request_headers deny 403`,
  },
  E0111: {
    title: "expected a value",
    explanation: `An operator, a \`when\`, or an action needs a value here: a string, a number, \`true\`/\`false\`, a list, a field
(\`request.path\`), a param name, a call (\`lower(...)\`) or a parenthesised condition.

Incorrect:

    on request_headers when request.path == deny 403

Correct:

    on request_headers when request.path == "/admin" deny 403`,
  },
  E0112: {
    title: "expected an action",
    explanation: `A rule runs actions: \`set\`, \`add\`, \`set_default\`, \`remove\`, \`rename\`, \`rewrite\`, \`deny\`, \`respond\`,
\`redirect\`, \`log\` and \`stop\`. After the phase or the condition, and inside \`{ }\`, the next word must be one of
them. A condition needs \`when\` in front of it, and comparing uses \`==\`, not \`=\`.

Incorrect:

    on request_headers request.path == "/" deny 403
    on request_headers when request.path = "/" deny 403
    on request_headers { sett "x-env" = "prod" }

Correct:

    on request_headers when request.path == "/" deny 403
    on request_headers { set "x-env" = "prod" }`,
  },
  E0113: {
    title: "expected a specific token",
    explanation: `The grammar needs one particular thing here: a header name in double quotes after \`set\`, \`=\` after it,
\`to\` in \`rename\`, a phase after \`on\`, a log level after \`log\`, a closing bracket, and so on. The message says
what was expected and what was found.

Incorrect:

    on request_headers rename "x-old" "x-new"
    on request_headers log "starting"

Correct:

    on request_headers rename "x-old" to "x-new"
    on request_headers log info "starting"`,
  },
  E0114: {
    title: "keyword used as a name",
    explanation: `Keywords (\`path\`, \`prefix\`, \`to\`, \`with\`, \`in\`, ...) cannot name a param or stand where a name is
required. After a dot they are fine: \`request.path\` is a field.

Incorrect:

    param path = "/api"

Correct:

    param api_path = "/api"`,
  },
  E0115: {
    title: "`matches` needs a string pattern",
    explanation: `The right side of \`matches\` must be a regular expression written as a string literal, so that it can be
compiled and checked when the filter is built. It cannot be a param or a field.

Incorrect:

    on request_headers when request.path matches api_pattern deny 404

Correct:

    on request_headers when request.path matches "^/api/v[0-9]+/" deny 404`,
  },
  E0116: {
    title: "chained comparison",
    explanation: `Comparison operators do not chain: \`a < b < c\` does not mean what it does in mathematics. Join separate
comparisons with \`and\`.

Incorrect:

    on response_headers when 400 <= response.status < 500 log warn "client error"

Correct:

    on response_headers when response.status >= 400 and response.status < 500 log warn "client error"`,
  },
  E0117: {
    title: "unclosed bracket",
    explanation: `A \`{\`, \`(\` or \`[\` is never closed: the next rule or the end of the file came first. The diagnostic
points at where the closing bracket was expected and at the opening one.

Incorrect:

    on request_headers {
      remove "x-debug"
    on response_headers set "x-a" = "b"

Correct:

    on request_headers {
      remove "x-debug"
    }
    on response_headers set "x-a" = "b"`,
  },
  E0118: {
    title: "more than one expression in an interpolation",
    explanation: `\`\${...}\` inserts the value of exactly one expression; text goes outside the braces.

Incorrect:

    on request_headers set "x-where" = "\${request.host request.path}"

Correct:

    on request_headers set "x-where" = "\${request.host}\${request.path}"`,
  },
  E0119: {
    title: "interpolation in a constant string",
    explanation: `Header names, prefixes and rule names are fixed when the filter is built, so they cannot contain \`\${...}\`.
Only values may be computed.

Incorrect:

    on request_headers set "x-\${request.host}" = "1"

Correct:

    on request_headers set "x-upstream-host" = "\${request.host}"`,
  },
  E0120: {
    title: "expression nested too deeply",
    explanation: `Brackets (\`(\`, \`[\`, calls), \`not\` and \`\${...}\` nest at most ${MAX_NESTING} levels deep, counted together. The
limit keeps parsing and checking within the compiler's stack; written conditions rarely nest more than a few levels,
so a file past it is usually generated.

Incorrect:

    on request_headers when (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((request.path == "/"))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) deny 403

Correct:

    on request_headers when request.path == "/" deny 403

Name inner parts with \`param\`, or split a long condition across several rules.`,
  },
  E0121: {
    title: "too many operators in one expression",
    explanation: `One expression holds at most ${MAX_OPERATORS.toLocaleString("en-US")} binary operators: \`and\`, \`or\`, comparisons and \`+ - * / %\` all count. A
chain of \`or\` is a tree as deep as it is long, and every phase of the compiler walks it, so the limit bounds
their work and stack.

Incorrect (with 500 more alternatives where the dots are):

    on request_headers when request.path == "/a" or request.path == "/b" or … deny 403

Correct:

    on request_headers when request.path in ["/a", "/b"] deny 403

Compare against a list with \`in\`, or split the condition across several rules.`,
  },
  E0122: {
    title: "rule file too large",
    explanation: `A rule file holds at most ${MAX_FILE_CHARS.toLocaleString("en-US")} characters (16 MiB). Files that large come from generators, and the
filter would be too large to load quickly in every sidecar anyway.

Incorrect (a file of 20 MB):

    on request_headers set "x-a" = "1"
    …

Correct:

    on request_headers set "x-a" = "1"

Split the rules across several filters.`,
  },
  E0123: {
    title: "name too long",
    explanation: `A param or rule name holds at most ${MAX_NAME_BYTES.toLocaleString("en-US")} bytes of UTF-8: the plugin configuration's key table stores each
name's length in 14 bits. Such names come from generators, never from people.

Incorrect (a param name of 20,000 letters):

    param nnnn…nnnn = "v"

Correct:

    param name = "v"

Choose a shorter name.`,
  },
  E0124: {
    title: "arithmetic nested too deeply",
    explanation: `\`+\`, \`-\`, \`*\`, \`/\` and \`%\` nest at most ${MAX_ARITHMETIC_DEPTH} operators inside one another: \`a - b - c\` is
two deep. Each level is one call in the generated code, which the AssemblyScript compiler walks recursively.
Written arithmetic is a few operators deep; longer sums come from generators.

Incorrect (a sum of 100 terms):

    on request_headers set "x-sum" = "\${destination.port + destination.port + … + destination.port}"

Correct:

    on request_headers set "x-sum" = "\${destination.port * 100}"

Compute the value in fewer steps.`,
  },
  E0130: {
    title: "`any` after the wrong operator",
    explanation: `\`any\` makes a substring test of every item of a list: \`contains any\`, \`starts_with any\` and
\`ends_with any\` are true when the value contains, starts with or ends with at least one item. Other operators take
no \`any\`: a value equal to one of the items is \`in\` the list.

Incorrect:

    param methods = ["GET", "HEAD"]
    on request_headers when request.method == any methods deny 405

Correct:

    param methods = ["GET", "HEAD"]
    on request_headers when not (request.method in methods) deny 405
    param bots = ["curl/", "python-requests"]
    on request_headers when request.header["user-agent"] contains any bots deny 403`,
  },
  E0142: {
    title: "a shadow rule without a name",
    explanation: `\`shadow\` makes a rule report what it would do instead of doing it (docs/language.md, "Shadow mode").
It reports under the rule's name: a log line \`shadow rule "NAME": would deny 403\` and the counter
\`filterc.<filter name>.shadow.NAME\`, and the plugin configuration turns it on (\`enforce_rules\`) by name. An anonymous rule has
neither, so only a named rule can be shadowed.

Incorrect:

    shadow on request_headers when request.header["user-agent"] contains "curl" deny 403

Correct:

    rule "block-curl" shadow on request_headers when request.header["user-agent"] contains "curl" deny 403`,
  },
  E0144: {
    title: "`replace` without its text in quotes",
    explanation: `\`replace\` takes the text to look for, or after \`matches\` a regular expression, as a string in
double quotes, then \`with\` and the replacement. The text is constant: it is searched for in the body as written.

Incorrect:

    on response_body replace secret with "***"
    on response_body replace matches [0-9]+ with "#"

Correct:

    on response_body replace "secret" with "***"
    on response_body replace matches "[0-9]+" with "#"`,
  },
  E0145: {
    title: "`replace` without `with`",
    explanation: `The replacement of \`replace\` follows the word \`with\`: \`replace "TEXT" with EXPR\`. EXPR is any string
expression (a literal, a param, \`\${...}\` interpolation).

Incorrect:

    on response_body replace "secret" "***"
    on response_body replace "secret" to "***"

Correct:

    on response_body replace "secret" with "***"`,
  },
  E0131: {
    title: "unknown scope",
    explanation: `A \`for\` block scopes the rules inside it to some requests. Three scopes exist:

    for host "api.example.com" { ... }        # request.hostname is exactly this
    for host suffix ".example.com" { ... }    # request.hostname ends with this, at a label boundary
    for path prefix "/api/" { ... }           # the path (without its query) starts with this

Incorrect:

    for hostname "api.example.com" {
      on request_headers set "x-api" = "1"
    }

Correct:

    for host "api.example.com" {
      on request_headers set "x-api" = "1"
    }`,
  },
  E0132: {
    title: "not a rule inside a scope",
    explanation: `Inside \`for ... { }\` stand rules and nested \`for\` blocks only. A \`param\` is file-wide, so it is
declared at the top level (the rules inside a scope can use it); an action needs the \`on PHASE\` of its rule.

Incorrect:

    for host "api.example.com" {
      param limit = 10
      set "x-api" = "1"
    }

Correct:

    param limit = 10
    for host "api.example.com" {
      on request_headers set "x-api" = "1"
    }`,
  },
  E0133: {
    title: "`for` blocks nested too deeply",
    explanation: `\`for host\`, \`for host suffix\` and \`for path prefix\` blocks nest at most ${MAX_SCOPE_NESTING} inside one another.
Written files nest two or three (a host, then a path); deeper nesting comes from generators, and each level costs the
parser stack frames.

Incorrect (40 blocks, each inside the one before):

    for path prefix "/" {
      for path prefix "/" {
        …
      }
    }

Correct:

    for host "api.example.com" {
      for path prefix "/admin/" {
        on request_headers deny 403
      }
    }`,
  },
  E0138: {
    title: "`let` of a dotted name",
    explanation: `\`let NAME = EXPR\` names a value with one word (letters, digits and \`_\`), which later actions and rules
read by that name. A dotted name is a field, which \`let\` cannot set: fields are what the request and response hold.

Incorrect:

    on request_headers let request.path = "/v2"

Correct:

    on request_headers let original_path = request.path
    on request_headers rewrite path "/v2"`,
  },
  E0140: {
    title: "`only` without a list",
    explanation: `In \`count "name" by VALUE only [...]\`, \`only\` takes a list literal of the values that get a counter of
their own; every other value counts as \`other\`. A single value is still written as a list.

Incorrect:

    on request_headers count "methods" by request.method only "GET"

Correct:

    on request_headers count "methods" by request.method only ["GET"]`,
  },
  E0141: {
    title: "`limit` without a number",
    explanation: `In \`count "name" by VALUE limit N\`, N is a whole number written out: how many distinct values each worker
keeps a counter for (16 without \`limit\`).

Incorrect:

    on request_headers count "tenants" by request.header["x-tenant"] limit many

Correct:

    on request_headers count "tenants" by request.header["x-tenant"] limit 64`,
  },
};
