import type { Command } from "commander";
import { ALL_CODES, explainCode } from "../compiler/explain.js";
import { EXIT_OK } from "./terminal.js";
import { UsageError } from "./usage-error.js";

export function registerExplain(program: Command): void {
  program
    .command("explain")
    .description("print the long explanation of a diagnostic code, e.g. filterc explain E0201")
    .argument("[code]", "the code; without one, list every code")
    .action((code: string | undefined) => {
      if (code === undefined) {
        for (const [id, doc] of Object.entries(ALL_CODES).sort(([a], [b]) => a.localeCompare(b))) {
          process.stdout.write(`${id}  ${doc.title}\n`);
        }
        process.exitCode = EXIT_OK;
        return;
      }
      const doc = explainCode(code);
      if (doc === undefined) throw new UsageError(`unknown code ${code}; \`filterc explain\` lists every code`);
      process.stdout.write(`${code.toUpperCase()}: ${doc.title}\n\n${doc.explanation.trim()}\n`);
      process.exitCode = EXIT_OK;
    });
}
