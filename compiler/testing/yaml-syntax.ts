import type { YAMLError } from "yaml";
import type { Span } from "../../grammar/ast.js";
import { error, sortDiagnostics, type Diagnostic } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import { TestCode } from "./codes.js";

/**
 * YAML parse errors as diagnostics. Duplicate keys are independent mistakes and all reported; any other syntax
 * error derails the parser and the errors after it are mostly echoes, so only the first is reported.
 */
export function yamlSyntaxDiagnostics(source: Source, errors: readonly YAMLError[]): Diagnostic[] {
  const duplicates = errors.filter((e) => e.code === "DUPLICATE_KEY");
  const firstOther = errors.find((e) => e.code !== "DUPLICATE_KEY");
  const reported = firstOther === undefined ? duplicates : [...duplicates, firstOther];
  return sortDiagnostics(reported.map((e) => yamlDiagnostic(source, e)));
}

export function yamlDiagnostic(source: Source, e: YAMLError): Diagnostic {
  const length = source.text.length;
  const start = Math.min(e.pos[0], length);
  const span: Span = { start, end: Math.min(Math.max(e.pos[1], start + 1), length) };
  switch (e.code) {
    case "DUPLICATE_KEY": {
      // yaml points at the key's first character; underline the whole key.
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:#\n,{}]*[^:#\s,{}])/.exec(source.text.slice(start))?.[0] ?? source.text.slice(span.start, span.end);
      const keySpan = { start, end: start + Math.max(1, key.length) };
      return error(TestCode.duplicateKey, keySpan, `key \`${key}\` appears twice in the same map`, "keep one of them; to send a header twice, give it a list: `cookie: [a=1, b=2]`");
    }
    case "MULTIPLE_DOCS":
      return error(TestCode.yamlSyntax, span, "a case file must hold a single YAML document", "remove the `---` separator and put every case under one `cases:` list");
    case "TAB_AS_INDENT":
      return error(TestCode.yamlSyntax, span, "tabs are not allowed as indentation", "indent with spaces");
    default:
      return error(
        TestCode.yamlSyntax,
        span,
        lowerFirst(e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")),
        "check the indentation around here: keys of one map start in the same column, and a value containing `: ` or starting with `{`, `[`, `*` or `&` must be quoted",
      );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
