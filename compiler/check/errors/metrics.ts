import type { Span } from "../../../grammar/ast.js";
import { error, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";

/** `count` and `observe`: metric names, the values they count by or record, and one meaning per name. */

export function badMetricName(span: Span, name: string, problem: string): Diagnostic {
  return error("E0417", span, `\`${name}\` cannot be a metric name: ${problem}`, 'metric names are letters, digits, `_` and `.` between words, e.g. "requests" or "auth.denied"');
}

export function observeNeedsInt(span: Span, what: string, type: string): Diagnostic {
  return error("E0418", span, `\`observe\` records an integer, but ${what} is ${type}`, "record a number, e.g. `observe \"body_bytes\" size(request.body)` or `observe \"status\" response.status`");
}

export function badLabelBound(span: Span, message: string, hint: string): Diagnostic {
  return error("E0419", span, message, hint);
}

export function labelNotScalar(span: Span, what: string): Diagnostic {
  return error("E0280", span, `\`count ... by\` counts per value, but ${what} is a list`, 'count by one value, e.g. `count "requests" by request.header["x-tenant"]`');
}

export function metricUsedTwoWays(span: Span, name: string, here: string, there: string, first: Span): Diagnostic {
  return {
    ...error("E0281", span, `metric \`${name}\` is ${here} here but ${there} elsewhere`, "one name is one metric: give the other use a name of its own"),
    related: [{ span: first, message: `\`${name}\` first used here` }],
  };
}

export const METRIC_DOCS: Record<string, CodeDoc> = {
  E0417: {
    title: "invalid metric name",
    explanation: `A metric name becomes part of an Envoy stat name (\`filterc.<filter>.<name>\`) and of a Prometheus
metric name, so it is limited to ASCII letters, digits and \`_\`, in words separated by single dots, starting with
a letter or \`_\`, at most 100 bytes. \`rule_fired\` is reserved for \`countRules: true\`,
\`body_overflow\` for the count of bodies past maxBody, \`rate_limited\` and \`rate_limit_collisions\` for the
counts of \`limit\`.

Incorrect:

\`\`\`fw
on request_headers count "requests per tenant"
on request_headers count "rule_fired"
\`\`\`

Correct:

\`\`\`fw
on request_headers count "requests_per_tenant"
on request_headers count "auth.denied"
\`\`\``,
  },
  E0418: {
    title: "`observe` value is not an integer",
    explanation: `\`observe "name" VALUE\` records VALUE in a histogram, and histograms hold numbers: the value must be
an integer expression. An absent value (a missing header read with \`size()\`, for instance) and a negative one are
not recorded.

Incorrect:

\`\`\`fw
on request_headers observe "path" request.path
\`\`\`

Correct:

\`\`\`fw
on request_headers observe "path_bytes" size(request.path)
\`\`\``,
  },
  E0419: {
    title: "invalid `only` list or `limit` of `count ... by`",
    explanation: `\`count "name" by VALUE only ["a", "b"]\` keeps a counter for each listed value and counts every
other value as \`other\`. The items are label values as they appear in the stat name: non-empty strings of at most
64 letters, digits, \`_\` and \`-\`, each listed once, and not \`other\` itself.

\`count "name" by VALUE limit N\` keeps a counter for each of the first N distinct values a worker sees (16 without
\`limit\`); N is between 1 and 256, since every value costs the worker a stat and 72 bytes of memory.

Incorrect:

\`\`\`fw
on request_headers count "requests_by_method" by request.method only ["GET", "GET"]
on request_headers count "requests_by_tenant" by request.header["x-tenant"] limit 0
\`\`\`

Correct:

\`\`\`fw
on request_headers count "requests_by_method" by request.method only ["GET", "POST"]
on request_headers count "requests_by_tenant" by request.header["x-tenant"] limit 32
\`\`\``,
  },
  E0280: {
    title: "`count ... by` of a list",
    explanation: `\`count "name" by VALUE\` counts each request under one label value: VALUE is a string (or an int or
a bool, written out as text), not a list.

Incorrect:

\`\`\`fw
param tenants = ["a", "b"]
on request_headers count "requests" by tenants
\`\`\`

Correct:

\`\`\`fw
on request_headers count "requests" by request.header["x-tenant"] only ["a", "b"]
\`\`\``,
  },
  E0281: {
    title: "metric name used in two ways",
    explanation: `One name is one metric: it is either a counter (\`count\`) or a histogram (\`observe\`), and a counter is
either plain or labelled with \`by\` with one \`only\` list or limit. Every use of the name must agree, since the
filter defines the metric once.

Incorrect:

\`\`\`fw
on request_headers count "requests"
on response_headers observe "requests" response.status
\`\`\`

Correct:

\`\`\`fw
on request_headers count "requests"
on response_headers observe "response_status" response.status
\`\`\``,
  },
};
