/**
 * `markdown` with the `## ` section that starts with `heading` replaced by `section` (or, if it has none, followed
 * by it): how the sections recorded by runs of their own (build-scale, lsp-latency, serve-load) go into docs/benchmarks.md.
 */
export function withSection(markdown: string, heading: string, section: string): string {
  const at = markdown.indexOf(heading);
  if (at < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  const next = markdown.indexOf("\n## ", at + heading.length);
  return `${markdown.slice(0, at)}${section}\n${next < 0 ? "" : markdown.slice(next)}`;
}
