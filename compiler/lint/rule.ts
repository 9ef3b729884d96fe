import type { Document } from "yaml";
import type { Program, Span } from "../../grammar/ast.js";
import type { CheckedProgram, ParamInfo } from "../check/result.js";
import type { RelatedSpan } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";
import type { TrafficContext } from "../emit/settings.js";
import type { TextEdit } from "./fix.js";

/** How a rule reports, as filterc.yaml's `lint:` map and `--rule` spell it. */
export type RuleLevel = "off" | "warn" | "error";

export interface RuleMeta {
  /** Kebab-case, equal to the module's file name and its docs page's name. */
  readonly id: string;
  /** A problem is likely a bug; a suggestion is about clarity or intent. */
  readonly type: "problem" | "suggestion";
  readonly defaultSeverity: Exclude<RuleLevel, "off">;
  /** One line, for `--format sarif` rule metadata and the docs index. */
  readonly description: string;
  /** The docs page, relative to the package root: `docs/rules/<id>.md`. */
  readonly docs: string;
  /** Message templates by messageId; `{{name}}` is replaced from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  /** Hint templates, keyed by messageId (the default) or by a report's explicit hintId. */
  readonly hints?: Readonly<Record<string, string>>;
  /**
   * Set when some of the rule's reports carry a fix that `filterc lint --fix` may apply without asking: one that
   * cannot change what the filter does (ESLint's `meta.fixable`). A report with a fix from a rule without it is a bug.
   */
  readonly fixable?: "code";
  /**
   * Set when some reports carry suggestions: replacements that change what the filter does, so an editor offers
   * them for the user to pick and `--fix` never applies them (ESLint's `meta.hasSuggestions`).
   */
  readonly hasSuggestions?: true;
}

export type ReportData = Readonly<Record<string, string | number>>;

/** What a rule reports: never raw text, always a messageId and the data its template needs. */
export interface Report {
  readonly messageId: string;
  readonly span: Span;
  readonly data?: ReportData;
  /** Selects `meta.hints[hintId]` instead of `meta.hints[messageId]`; null means no hint. */
  readonly hintId?: string | null;
  readonly related?: readonly RelatedSpan[];
  /** The safe fix, when there is exactly one (compiler/lint/fix.ts); only rules with `meta.fixable` give one. */
  readonly fix?: TextEdit;
  /** Replacements for the user to choose from; only rules with `meta.hasSuggestions` give them. */
  readonly suggestions?: readonly Suggestion[];
}

/** One replacement an editor may offer ("use `set` instead"), with what it does in a few words. */
export interface Suggestion {
  readonly desc: string;
  readonly fix: TextEdit;
}

/** Where a rule file is deployed, as its filterc.yaml says (absent keys: unknown, not the defaults). */
export interface DeploymentFacts {
  readonly context?: TrafficContext;
}

/** What a rule that looks at one rule file sees. */
export interface FileContext {
  readonly source: Source;
  readonly program: Program;
  readonly checked: CheckedProgram;
  /** What the rule file's filterc.yaml says about its deployment; empty without one. */
  readonly deployment: DeploymentFacts;
  report(report: Report): void;
}

/** The rule names and params of one rule file: what a plugin configuration can refer to. */
export interface RuleFileFacts {
  readonly path: string;
  readonly ruleNames: readonly string[];
  /** Plugin-configuration keys the filter reads besides params and `disabled_rules` (compiler/setting-keys.ts). */
  readonly settings?: readonly string[];
  readonly params: readonly ParamInfo[];
}

/** What a rule that looks at a project file (filterc.yaml) sees. */
export interface ProjectContext {
  readonly source: Source;
  readonly document: Document;
  /** The `pluginConfig` map, when the file has a valid one. */
  readonly pluginConfig: Readonly<Record<string, unknown>> | undefined;
  /** The rule files beside the project file: the ones `filterc build` pairs it with. */
  readonly ruleFiles: readonly RuleFileFacts[];
  report(report: Report): void;
}

/**
 * A lint rule. File rules implement `checkFile`, project rules `checkProject`; rules about the linter's own
 * bookkeeping (`unused-disable`, `unknown-rule`) have neither: the engine reports them, and they exist here so
 * they are configured, documented and listed like every other rule.
 */
export interface LintRule {
  readonly meta: RuleMeta;
  readonly checkFile?: (context: FileContext) => void;
  readonly checkProject?: (context: ProjectContext) => void;
}

/** Builds a rule's meta with the docs path derived from its id, so the two cannot drift apart. */
export function ruleMeta(meta: Omit<RuleMeta, "docs">): RuleMeta {
  return { ...meta, docs: `docs/rules/${meta.id}.md` };
}
