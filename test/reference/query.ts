/**
 * `set query` and `remove query` (docs/language.md, "Query parameters"), on `:path` as a byte string (one char a
 * byte). Written from the doc, apart from runtime/query.ts.
 */
import { urlDecode } from "./fields.js";

/** RFC 3986's unreserved characters stay; every other byte is `%XX` in upper-case hex. */
export function percentEncode(bytes: string): string {
  let out = "";
  for (const c of bytes) out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/** The edited path, or undefined when `:path` stays as it is. `value` undefined removes every `name` parameter. */
export function editQuery(path: string, name: string, value: string | undefined): string | undefined {
  const question = path.indexOf("?");
  const hash = path.indexOf("#");
  const queryEnd = hash < 0 ? path.length : hash;
  const hasQuery = question >= 0 && (hash < 0 || question < hash);
  const head = hasQuery ? path.slice(0, question) : path.slice(0, queryEnd);
  const fragment = path.slice(queryEnd);
  const segments = hasQuery ? path.slice(question + 1, queryEnd).split("&").filter((s) => s !== "") : [];
  const isName = (segment: string) => urlDecode(segment.includes("=") ? segment.slice(0, segment.indexOf("=")) : segment) === name;
  const matches = segments.filter(isName).length;
  if (value === undefined && matches === 0) return undefined;
  const written = value === undefined ? undefined : `${percentEncode(name)}=${percentEncode(value)}`;
  const kept: string[] = [];
  let replaced = false;
  for (const segment of segments) {
    if (!isName(segment)) kept.push(segment);
    else if (written !== undefined && !replaced) {
      kept.push(written);
      replaced = true;
    }
  }
  if (written !== undefined && !replaced) kept.push(written);
  return kept.length === 0 ? head + fragment : `${head}?${kept.join("&")}${fragment}`;
}
