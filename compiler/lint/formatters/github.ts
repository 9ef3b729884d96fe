import type { Formatter } from "./context.js";
import { regionOf } from "./context.js";

/** Workflow command values: `%`, CR and LF are escaped in the message... */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** ...and also `:` and `,` in properties, which separate them. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const COMMANDS = { error: "error", warning: "warning", info: "notice" } as const;

/**
 * GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff.
 * `::warning file=rules.fw,line=3,col=5,endLine=3,endColumn=12,title=no-unused-param::message`
 */
const github: Formatter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      const r = regionOf(result.source, m.span);
      const properties = [
        `file=${escapeProperty(result.filePath)}`,
        `line=${r.line}`,
        `col=${r.column}`,
        `endLine=${r.endLine}`,
        `endColumn=${r.endColumn}`,
        `title=${escapeProperty(`filterc ${m.code}`)}`,
      ].join(",");
      const text = m.hint === undefined ? m.message : `${m.message}\nhint: ${m.hint}`;
      lines.push(`::${COMMANDS[m.severity]} ${properties}::${escapeData(text)}`);
    }
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
};

export default github;
