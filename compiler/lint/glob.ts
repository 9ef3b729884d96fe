/**
 * Glob patterns for `filterc lint`: `*` (any characters but `/`), `**` (any number of directories), `?` (one
 * character but `/`) and `{a,b}` (either). Enough for `rules/**\/*.fw`; the shell usually expands globs itself,
 * and these only matter when they are quoted (as CI configurations often do).
 */

export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

/** The directory part before the first segment with a wildcard: where the walk for a glob starts. */
export function globBase(pattern: string): string {
  const segments = pattern.split("/");
  const firstWild = segments.findIndex(isGlob);
  const base = segments.slice(0, firstWild).join("/");
  return base === "" ? (pattern.startsWith("/") ? "/" : ".") : base;
}

export function globToRegExp(pattern: string): RegExp {
  let out = "";
  let inBraces = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const slashAfter = pattern[i + 2] === "/";
      const atSegmentStart = i === 0 || pattern[i - 1] === "/";
      if (atSegmentStart && slashAfter) {
        // `**/`: zero or more whole directories.
        out += "(?:[^/]+/)*";
        i += 2;
      } else {
        out += ".*";
        i += 1;
      }
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{" && !inBraces) {
      inBraces = true;
      out += "(?:";
    } else if (c === "}" && inBraces) {
      inBraces = false;
      out += ")";
    } else if (c === "," && inBraces) out += "|";
    else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  if (inBraces) throw new Error(`unclosed { in ${pattern}`);
  return new RegExp(`^${out}$`);
}
