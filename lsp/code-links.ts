import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { packagePath } from "../compiler/package-path.js";
import { RULES } from "../compiler/lint/rules/index.js";

/**
 * Where an editor's "more about this code" link points: the section of docs/diagnostics.md that lists a compile
 * code, or a lint rule's page, in the installed package (file URIs: the docs ship in the package, offline).
 */
export function codeHref(code: string): string | undefined {
  const rule = RULES.get(code);
  if (rule !== undefined) return fileHref(rule.meta.docs);
  const section = sections().get(code.toUpperCase());
  const page = fileHref("docs/diagnostics.md");
  return page === undefined ? undefined : section === undefined ? page : `${page}#${section}`;
}

function fileHref(relative: string): string | undefined {
  try {
    return pathToFileURL(packagePath(relative)).href;
  } catch {
    return undefined;
  }
}

let cached: Map<string, string> | undefined;

/** Code to the anchor of the `##` heading it is listed under, as Markdown renderers slug headings. */
function sections(): Map<string, string> {
  if (cached !== undefined) return cached;
  cached = new Map();
  let text = "";
  try {
    text = readFileSync(packagePath("docs/diagnostics.md"), "utf8");
  } catch {
    return cached;
  }
  let anchor: string | undefined;
  for (const line of text.split("\n")) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading !== null) anchor = slug(heading[1]!);
    const row = /^\|\s*([EW]\d{4}|D\d{3})\s*\|/.exec(line);
    if (row !== null && anchor !== undefined && !cached.has(row[1]!)) cached.set(row[1]!, anchor);
  }
  return cached;
}

export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
