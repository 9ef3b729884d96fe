import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Span } from "../../../grammar/ast.js";
import type { Severity } from "../../../grammar/diagnostic.js";
import type { Source } from "../../../grammar/source.js";
import type { TextEdit } from "../fix.js";
import { fileTextEdit } from "../fix-edits.js";
import type { LintResult } from "../result.js";
import { DIAGNOSTICS_DOC, docsUri, regionOf, type Formatter, type FormatterContext } from "./context.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Relative artifact URIs are relative to this base, which the run maps to the working directory. */
const SOURCE_ROOT = "%SRCROOT%";

const LEVELS: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps). One run; the driver lists every lint rule with
 * its description and help URI, plus the compile codes that occur. Per the spec `results` is always present,
 * even when empty. Columns count UTF-16 code units, as JavaScript strings do.
 */
const sarif: Formatter = (results, context) => {
  const rules = ruleDescriptors(results, context);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "filterc", version: context.toolVersion, informationUri: docsUri("docs/lint.md"), rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(context.cwd.endsWith("/") ? context.cwd : `${context.cwd}/`).href } },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((result) =>
          result.messages.map((m) => ({
            ruleId: m.code,
            ruleIndex: index.get(m.code)!,
            level: LEVELS[m.severity],
            message: { text: m.hint === undefined ? m.message : `${m.message}\nhint: ${m.hint}` },
            locations: [location(result, m.span)],
            ...(m.related === undefined
              ? {}
              : { relatedLocations: m.related.map((r, id) => ({ id, ...location(result, r.span), message: { text: r.message } })) }),
            ...(m.fix === undefined ? {} : { fixes: [sarifFix(result, m.fix, m.hint ?? m.message)] }),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};

interface RuleDescriptor {
  readonly id: string;
  readonly shortDescription: { text: string };
  readonly helpUri: string;
  readonly defaultConfiguration: { level: string };
  readonly properties?: Record<string, unknown>;
}

function ruleDescriptors(results: readonly LintResult[], context: FormatterContext): RuleDescriptor[] {
  const lint: RuleDescriptor[] = Object.values(context.rulesMeta)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((meta) => ({
      id: meta.id,
      shortDescription: { text: meta.description },
      helpUri: docsUri(meta.docs),
      defaultConfiguration: { level: meta.defaultSeverity === "error" ? "error" : "warning" },
      properties: { tags: [meta.type], ...(meta.fixable === undefined ? {} : { fixable: true }) },
    }));
  const codes = new Map<string, Severity>();
  for (const result of results) for (const m of result.messages) if (m.ruleId === undefined && !codes.has(m.code)) codes.set(m.code, m.severity);
  const compile: RuleDescriptor[] = [...codes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, severity]) => ({
      id: code,
      shortDescription: { text: context.codeTitles[code] ?? code },
      helpUri: docsUri(DIAGNOSTICS_DOC),
      defaultConfiguration: { level: LEVELS[severity] },
    }));
  return [...lint, ...compile];
}

function location(result: LintResult, span: Span) {
  return { physicalLocation: { artifactLocation: artifact(result.filePath), region: region(result.source, span) } };
}

/** SARIF's fix (section 3.55): one replacement of a region of the file, which `filterc lint --fix` would make. */
function sarifFix(result: LintResult, fix: TextEdit, description: string) {
  const edit = fileTextEdit(result.source, fix);
  const start = edit.range.start;
  const end = edit.range.end;
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: artifact(result.filePath),
        replacements: [
          {
            deletedRegion: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            ...(edit.newText === "" ? {} : { insertedContent: { text: edit.newText } }),
          },
        ],
      },
    ],
  };
}

function artifact(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split("/").map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT };
}

function region(source: Source, span: Span) {
  const r = regionOf(source, span);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export default sarif;
