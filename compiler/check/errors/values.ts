import type { Span } from "../../../grammar/ast.js";
import { error, warning, type CodeDoc, type Diagnostic } from "../../../grammar/diagnostic.js";
import { describeCharacter } from "../header-names.js";

/** Constant values: text that goes into headers, values that must be text, IP ranges. */

export function controlCharacter(span: Span, character: string, where: string): Diagnostic {
  return error(
    "E0405",
    span,
    `${where} cannot contain ${describeCharacter(character)}`,
    "line breaks and NUL would split or truncate the header: remove them",
  );
}

export function listAsText(span: Span, what: string, where: string): Diagnostic {
  return error("E0406", span, `${what} is a list, which cannot be used as ${where}`, "use a string, or interpolate one field or param");
}

export function invalidIpRange(span: Span, text: string, reason: string): Diagnostic {
  return error(
    "E0407",
    span,
    `"${text}" is not an IP address or CIDR range: ${reason}`,
    'write an address such as "10.1.2.3" or "::1", or a range such as "10.0.0.0/8" or "2001:db8::/32"',
  );
}

export function cidrHostBits(span: Span, text: string, network: string): Diagnostic {
  return warning("W0401", span, `"${text}" has bits set after its prefix length, which are ignored`, `write the network address: "${network}"`);
}

export const VALUE_DOCS: Record<string, CodeDoc> = {
  E0405: {
    title: "line break or NUL in a header value",
    explanation: `Text that becomes a header value, a redirect location or a path (\`set\`, \`add\`, \`set_default\`,
\`respond ... with { }\` headers, \`redirect\`, \`rewrite\`) cannot contain a carriage return, a line feed or a NUL
character: they would split the header in two or cut it short. Bodies and log messages may contain them.
Values read at runtime are checked at runtime.

Incorrect:

\`\`\`fw
on response_headers set "x-note" = "line one\\nline two"
\`\`\`

Correct:

\`\`\`fw
on response_headers set "x-note" = "line one; line two"
\`\`\`
`,
  },
  E0406: {
    title: "list used as text",
    explanation: `Header values, bodies, redirect locations, rewrite targets and log messages are text. Ints and bools
are written out (\`200\`, \`true\`), but a list has no single text form.

Incorrect:

\`\`\`fw
param origins = ["https://a.example", "https://b.example"]
on response_headers set "access-control-allow-origin" = origins
\`\`\`

Correct:

\`\`\`fw
param origin = "https://a.example"
on response_headers set "access-control-allow-origin" = origin
\`\`\`
`,
  },
  E0407: {
    title: "invalid IP address or CIDR range",
    explanation: `The items of a list that an address is compared with (\`source.address in [...]\`, \`client.address in
[...]\`, \`ip(...) in [...]\`, written directly or through a list param) are IP addresses or CIDR ranges, IPv4 or IPv6: \`"10.1.2.3"\`, \`"10.0.0.0/8"\`, \`"::1"\`, \`"2001:db8::/32"\`. IPv4 numbers have no
leading zeros; the prefix length is at most 32 for IPv4 and 128 for IPv6; zone indices (\`%eth0\`) are not
supported.

Incorrect:

\`\`\`fw
on request_headers when not (source.address in ["10.0.0.0/33", "192.168.1"]) deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when not (source.address in ["10.0.0.0/8", "192.168.1.0/24"]) deny 403
\`\`\`
`,
  },
  W0401: {
    title: "CIDR range with host bits set",
    explanation: `In \`"10.1.2.3/8"\` only the first 8 bits count, so the range is \`10.0.0.0/8\`: every address from
10.0.0.0 to 10.255.255.255, not just around 10.1.2.3. The rule works, but probably not as meant. Write the network
address, or a longer prefix if a smaller range was meant.

Incorrect:

\`\`\`fw
on request_headers when source.address in ["10.1.2.3/8"] deny 403
\`\`\`

Correct:

\`\`\`fw
on request_headers when source.address in ["10.0.0.0/8"] deny 403
\`\`\`
`,
  },
};
