import { parse, type Program } from "../grammar/index.js";
import { printProgram, type PrintOptions } from "../grammar/printer.js";
import { firstDifference, meaningOf } from "../grammar/printer-equivalence.js";
import { hasErrors, type Diagnostic } from "../grammar/diagnostic.js";
import { Source } from "../grammar/source.js";

export interface FormatResult {
  /** The canonical text; undefined when the file has syntax errors (a file that does not parse is not touched). */
  readonly text?: string;
  /** The syntax diagnostics of the input. */
  readonly diagnostics: readonly Diagnostic[];
  /** Whether `text` differs from the input. */
  readonly changed: boolean;
}

/** The formatter produced text that does not mean what the input meant: a bug in filterc, never the user's. */
export class FormatVerificationError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = "FormatVerificationError";
  }
}

/**
 * Formats a rule file. The result is parsed again and compared with the input (AST without spans, and comments)
 * before it is returned: writing a user's file back is only safe if nothing but the layout changed.
 */
export function formatSource(source: Source, options: PrintOptions = {}): FormatResult {
  const parsed = parse(source);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics, changed: false };
  const text = printProgram(parsed.program, source.text, options);
  verify(source, parsed.program, text);
  return { text, diagnostics: parsed.diagnostics, changed: text !== source.text };
}

function verify(source: Source, program: Program, text: string): void {
  const fail = (problem: string) => {
    throw new FormatVerificationError(`formatting ${source.name} would change its meaning (${problem}); the file was left as it is`, text);
  };
  const reparsed = parse(new Source(source.name, text));
  if (hasErrors(reparsed.diagnostics)) fail(`the output has syntax errors: ${reparsed.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const difference = firstDifference(meaningOf(program), meaningOf(reparsed.program));
  if (difference !== undefined) fail(`the output differs at ${difference}`);
}
