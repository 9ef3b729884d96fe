import type { Span } from "../../grammar/ast.js";
import { closestName } from "../../grammar/suggest.js";
import type { Report, RuleLevel } from "./rule.js";
import { RULES } from "./rules/index.js";

export const RULE_LEVELS: readonly RuleLevel[] = ["off", "warn", "error"];

/** Rule id to level, over each rule's default: filterc.yaml's `lint:` map, then `--rule` flags. */
export type LevelOverrides = Readonly<Record<string, RuleLevel>>;

export function levelOf(id: string, overrides: LevelOverrides | undefined): RuleLevel {
  const configured = overrides === undefined || !Object.hasOwn(overrides, id) ? undefined : overrides[id];
  return configured ?? RULES.get(id)?.meta.defaultSeverity ?? "off";
}

/** Compile diagnostic codes look like E0401 or W0401; they are not rule ids. */
export function isCompileCode(id: string): boolean {
  return /^[EW]\d{4}$/i.test(id);
}

/**
 * The `unknown-rule` report for an id that is not a lint rule, or undefined when it is one. The caller gives the
 * span: a key in filterc.yaml, or the id inside a disable comment.
 */
export function unknownRuleReport(id: string, span: Span): Report | undefined {
  if (RULES.has(id)) return undefined;
  if (isCompileCode(id)) return { messageId: "compileCode", span, data: { id: id.toUpperCase() } };
  const closest = closestName(id, RULES.keys(), Math.max(2, Math.floor(id.length / 3)));
  if (closest === undefined) return { messageId: "unknownRule", span, data: { id, suggestion: "" }, hintId: "unknownRule" };
  const suggestions = [{ desc: `replace with \`${closest}\``, fix: { span, text: closest } }];
  return { messageId: "unknownRule", span, data: { id, suggestion: `did you mean \`${closest}\`?` }, hintId: "didYouMean", suggestions };
}
