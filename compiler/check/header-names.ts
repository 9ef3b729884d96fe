/**
 * What a header name may be. Envoy stores header names lower-cased (HTTP/2 and HTTP/3 require it), so an
 * upper-case name in a rule would silently never match or would be rewritten behind the user's back: the checker
 * refuses it and shows the lower-case form instead.
 */

/** The pseudo-headers a rule may name; the others do not exist in Envoy's header maps. */
export const PSEUDO_HEADERS = [":path", ":method", ":authority", ":scheme", ":status"] as const;

export type HeaderNameProblem =
  | { readonly kind: "empty" }
  | { readonly kind: "character"; readonly character: string; readonly index: number }
  | { readonly kind: "uppercase"; readonly lowercase: string }
  | { readonly kind: "pseudo" };

/** RFC 9110 section 5.6.2: `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA`. */
export function isTokenChar(c: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/.test(c);
}

/** The first problem with a header name, or undefined when it is fine. */
export function headerNameProblem(name: string): HeaderNameProblem | undefined {
  if (name.length === 0) return { kind: "empty" };
  if (name.startsWith(":")) {
    return (PSEUDO_HEADERS as readonly string[]).includes(name.toLowerCase())
      ? caseProblem(name)
      : tokenProblem(name, 1) ?? { kind: "pseudo" };
  }
  return tokenProblem(name, 0) ?? caseProblem(name);
}

/**
 * The first problem with a header-name prefix (`remove prefix "x-envoy-"`): non-empty, token characters, lower
 * case. A prefix may not start with `:` since pseudo-headers cannot be removed.
 */
export function headerPrefixProblem(prefix: string): HeaderNameProblem | undefined {
  if (prefix.length === 0) return { kind: "empty" };
  return tokenProblem(prefix, 0) ?? caseProblem(prefix);
}

function tokenProblem(name: string, from: number): HeaderNameProblem | undefined {
  for (let i = from; i < name.length; i++) {
    const c = name[i]!;
    if (!isTokenChar(c)) return { kind: "character", character: c, index: i };
  }
  return undefined;
}

function caseProblem(name: string): HeaderNameProblem | undefined {
  const lowercase = name.toLowerCase();
  return lowercase === name ? undefined : { kind: "uppercase", lowercase };
}

/** A character as a message shows it: `:` in backticks, a space or a control character by name. */
export function describeCharacter(c: string): string {
  if (c === " ") return "a space";
  if (c === "\t") return "a tab";
  if (c === "\r") return "a carriage return (\\r)";
  if (c === "\n") return "a line feed (\\n)";
  if (c === "\0") return "a NUL character (\\0)";
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return c === "`" ? "a backtick" : `\`${c}\``;
}
