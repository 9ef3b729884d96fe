import { capPerCode, renderDiagnostic } from "../../render.js";
import type { Formatter } from "./context.js";
import { totals } from "../result.js";

const RED = "\u001b[1;31m";
const YELLOW = "\u001b[1;33m";
const RESET = "\u001b[0m";

/**
 * For people: each problem with its code frame (compiler/render.ts; at most MAX_SHOWN_PER_CODE of a code per file,
 * then how many more), files in order, then a count of all. Prints
 * nothing at all when there is nothing to report, so a clean run is quiet.
 */
const stylish: Formatter = (results, context) => {
  const blocks: string[] = [];
  for (const result of results) {
    const { shown, notes } = capPerCode(result.source, result.messages);
    for (const message of shown) blocks.push(renderDiagnostic(result.source, message, { color: context.color }));
    blocks.push(...notes);
  }
  if (blocks.length === 0) return "";
  const { errors, warnings } = totals(results);
  const problems = errors + warnings;
  const summary = `${problems} problem${problems === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`;
  const painted = context.color ? `${errors > 0 ? RED : YELLOW}${summary}${RESET}` : summary;
  return `${blocks.join("\n\n")}\n\n${painted}\n`;
};

export default stylish;
