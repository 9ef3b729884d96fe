/** A Markdown table; cells are escaped for the pipe character. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ("l" | "r")[]): string {
  const cell = (s: string): string => s.replace(/\|/g, "\\|");
  const rule = header.map((_, i) => ((align?.[i] ?? (i === 0 ? "l" : "r")) === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}
