import type { Document, YAMLError } from "yaml";
import { yamlLibrary } from "./libraries.js";
import type { Span } from "../../grammar/ast.js";
import { type Diagnostic, error, sortDiagnostics } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import { ProjectCode } from "./project-codes.js";
import { projectFileFrom, type ProjectFile } from "./project-file.js";
import { projectSchema, projectValidator } from "./project-schema.js";
import { schemaProblems, type SchemaProblem } from "./schema-problems.js";
import { locate } from "./yaml-locate.js";

export interface LoadedProjectFile extends ProjectFile {
  diagnostics: Diagnostic[];
}

/**
 * Reads filterc.yaml. Never throws for a bad file: every problem is a diagnostic pointing at the key or value
 * at fault, and the settings hold whatever keys were valid. An empty file is a valid file with no settings.
 */
export function loadProjectFile(source: Source): LoadedProjectFile {
  const doc = yamlLibrary().parseDocument(source.text, { prettyErrors: false, merge: true });
  if (doc.errors.length > 0) return { settings: {}, diagnostics: syntaxDiagnostics(source, doc.errors) };
  const tagWarnings = doc.warnings.map((w) => ({ ...syntaxDiagnostic(source, w), severity: "warning" as const }));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Only an alias bomb gets here: the document parsed, but expanding it would be unbounded.
    const message = e instanceof Error ? lowerFirst(e.message) : "the document cannot be expanded";
    return { settings: {}, diagnostics: [error(ProjectCode.yamlSyntax, { start: 0, end: 0 }, message, "use fewer aliases (`*name`)")] };
  }
  if (data === null || data === undefined) return { settings: {}, diagnostics: tagWarnings };
  if (typeof data !== "object" || Array.isArray(data)) {
    const span = locate(doc, source.text, [], "value");
    const found = Array.isArray(data) ? "a list" : "a single value";
    const d = error(ProjectCode.notAMap, span, `filterc.yaml must be a map of settings, found ${found}`, "write one `key: value` per line, e.g. `namespace: shop`");
    return { settings: {}, diagnostics: [d, ...tagWarnings] };
  }

  const settingsData = data as Record<string, unknown>;
  const validate = projectValidator();
  validate(settingsData);
  const problems = [...schemaProblems(validate.errors ?? [], settingsData, projectSchema()), ...combinationProblems(settingsData)];
  const diagnostics = [...problems.map((p) => diagnosticOf(doc, source.text, p)), ...tagWarnings];
  const errorPaths = problems.filter((p) => p.severity === "error").map((p) => p.path);
  const isValid = (path: readonly string[]) => !errorPaths.some((bad) => path.every((segment, i) => bad[i] === segment));
  return { ...projectFileFrom(settingsData, isValid), diagnostics: sortDiagnostics(diagnostics) };
}

/** Settings that are each valid but do not work together. */
function combinationProblems(data: Record<string, unknown>): SchemaProblem[] {
  if (data.envoyFilterFormat === "legacy" && data.failurePolicy === "reload") {
    return [
      {
        code: ProjectCode.ineffectiveSetting,
        severity: "warning",
        path: ["failurePolicy"],
        at: "value",
        message: "`failurePolicy: reload` cannot be expressed in the legacy EnvoyFilter form; it fails closed",
        hint: "use `envoyFilterFormat: typed` (Istio 1.25+ for reload), or choose `fail-closed` or `fail-open`",
      },
    ];
  }
  return [];
}

function diagnosticOf(doc: Document, text: string, problem: SchemaProblem): Diagnostic {
  const span = locate(doc, text, problem.path, problem.at);
  const base = { code: problem.code, severity: problem.severity, message: problem.message, span };
  return problem.hint === undefined ? base : { ...base, hint: problem.hint };
}

/**
 * Duplicate keys are independent mistakes and all reported. Any other syntax error derails the parser, and the
 * errors after it are mostly echoes of the first, so only the first is reported.
 */
function syntaxDiagnostics(source: Source, errors: readonly YAMLError[]): Diagnostic[] {
  const duplicates = errors.filter((e) => e.code === "DUPLICATE_KEY");
  const firstOther = errors.find((e) => e.code !== "DUPLICATE_KEY");
  const reported = firstOther === undefined ? duplicates : [...duplicates, firstOther];
  return sortDiagnostics(reported.map((e) => syntaxDiagnostic(source, e)));
}

function syntaxDiagnostic(source: Source, e: YAMLError): Diagnostic {
  const length = source.text.length;
  const start = Math.min(e.pos[0], length);
  const span: Span = { start, end: Math.min(Math.max(e.pos[1], start + 1), length) };
  switch (e.code) {
    case "DUPLICATE_KEY": {
      // yaml points at the key's first character; underline the whole key.
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:#\n]*[^:#\s])/.exec(source.text.slice(start))?.[0] ?? source.text.slice(span.start, span.end);
      const keySpan = { start, end: start + Math.max(1, key.length) };
      return error(ProjectCode.duplicateKey, keySpan, `key \`${key}\` appears twice in the same map`, "keep one of them");
    }
    case "MULTIPLE_DOCS":
      return error(ProjectCode.yamlSyntax, span, "filterc.yaml must hold a single YAML document", "remove the `---` separator and merge the settings into one map");
    case "TAB_AS_INDENT":
      return error(ProjectCode.yamlSyntax, span, "tabs are not allowed as indentation", "indent with spaces");
    default:
      return error(
        ProjectCode.yamlSyntax,
        span,
        lowerFirst(e.message),
        "check the indentation here and on the next line: keys of one map start in the same column, and a value containing `: ` must be quoted",
      );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
