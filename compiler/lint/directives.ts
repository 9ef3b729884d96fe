import type { Comment, Span } from "../../grammar/ast.js";
import { closestName } from "../../grammar/suggest.js";
import type { Source } from "../../grammar/source.js";
import type { TextEdit } from "./fix.js";
import { removal } from "./fix-ranges.js";
import { unknownRuleReport } from "./levels.js";
import type { LintMessage } from "./result.js";
import type { Report } from "./rule.js";

/**
 * Inline directives in comments:
 *
 *     # filterc-disable-next-line no-unused-param, no-hop-by-hop-header -- why
 *     # filterc-disable no-sensitive-log
 *
 * `disable-next-line` suppresses the named rules' problems that start on the line after the comment; `disable`
 * suppresses them in the whole file, wherever the comment is. Without rule ids a directive covers every rule.
 * Text after ` -- ` is a free-form reason. Compile errors are never suppressed.
 */
export interface DisableDirective {
  readonly kind: "disable" | "disable-next-line";
  readonly comment: Comment;
  /** The line the directive covers (next line), or undefined for the whole file. */
  readonly targetLine: number | undefined;
  /** True when no rule ids were given: every rule. */
  readonly all: boolean;
  /** The known rule ids it names, each with its span inside the comment. */
  readonly rules: readonly { readonly id: string; readonly span: Span }[];
  /** Every id written, known or not, in order: what a fix removes an id from. */
  readonly written: readonly { readonly id: string; readonly span: Span }[];
}

const DIRECTIVES = ["filterc-disable-next-line", "filterc-disable"] as const;

export interface ParsedDirectives {
  readonly directives: readonly DisableDirective[];
  /** `unknown-rule` reports: unknown ids and unknown `filterc-` directives. */
  readonly problems: readonly Report[];
}

export function parseDirectives(source: Source, comments: readonly Comment[]): ParsedDirectives {
  const directives: DisableDirective[] = [];
  const problems: Report[] = [];
  for (const comment of comments) {
    // comment.text excludes the `#`, so text offsets are comment.span.start + 1 + index.
    const base = comment.span.start + 1;
    const match = /^(\s*)(filterc-[A-Za-z-]*)/.exec(comment.text);
    if (match === null) continue;
    const word = match[2]!;
    const wordSpan = { start: base + match[1]!.length, end: base + match[1]!.length + word.length };
    const kind = word === "filterc-disable-next-line" ? "disable-next-line" : word === "filterc-disable" ? "disable" : undefined;
    if (kind === undefined) {
      const closest = closestName(word, DIRECTIVES, 4);
      const suggestion = closest === undefined ? undefined : { suggestion: `did you mean \`${closest}\`?`, suggestions: [{ desc: `replace with \`${closest}\``, fix: { span: wordSpan, text: closest } }] };
      problems.push({ messageId: "unknownDirective", span: wordSpan, data: { directive: word, suggestion: suggestion?.suggestion ?? "" }, hintId: suggestion === undefined ? "unknownDirective" : "didYouMean", ...(suggestion && { suggestions: suggestion.suggestions }) });
      continue;
    }
    const restStart = match[0].length;
    const reason = comment.text.slice(restStart).search(/(^|\s)--(\s|$)/);
    const list = reason < 0 ? comment.text.slice(restStart) : comment.text.slice(restStart, restStart + reason);
    const ids: { id: string; span: Span }[] = [];
    for (const idMatch of list.matchAll(/[^\s,]+/g)) {
      const start = base + restStart + idMatch.index;
      ids.push({ id: idMatch[0], span: { start, end: start + idMatch[0].length } });
    }
    const known = ids.filter(({ id, span }) => {
      const problem = unknownRuleReport(id, span);
      if (problem !== undefined) problems.push(problem);
      return problem === undefined;
    });
    // A directive whose every id is unknown covers nothing, rather than everything.
    if (ids.length > 0 && known.length === 0) continue;
    const line = source.position(comment.span.start).line;
    directives.push({ kind, comment, targetLine: kind === "disable" ? undefined : line + 1, all: ids.length === 0, rules: known, written: ids });
  }
  return { directives, problems };
}

export interface AppliedDirectives {
  readonly kept: readonly LintMessage[];
  /** `unused-disable` reports. */
  readonly unused: readonly Report[];
}

/**
 * Drops the rule messages the directives cover and reports the directive ids that covered nothing. `isActive`
 * says whether a rule runs at all: a directive for a rule that is switched off is neither used nor unused.
 */
export function applyDirectives(source: Source, messages: readonly LintMessage[], directives: readonly DisableDirective[], isActive: (id: string) => boolean): AppliedDirectives {
  const used = new Set<string>();
  const usedKey = (d: number, id: string | undefined) => `${d}:${id ?? "*"}`;
  const kept = messages.filter((message) => {
    if (message.ruleId === undefined) return true;
    const line = source.position(message.span.start).line;
    let suppressed = false;
    directives.forEach((directive, d) => {
      if (directive.targetLine !== undefined && directive.targetLine !== line) return;
      if (directive.all) {
        used.add(usedKey(d, undefined));
        suppressed = true;
      } else if (directive.rules.some((r) => r.id === message.ruleId)) {
        used.add(usedKey(d, message.ruleId));
        suppressed = true;
      }
    });
    return !suppressed;
  });
  const unused: Report[] = [];
  directives.forEach((directive, d) => {
    const fileWide = directive.targetLine === undefined;
    if (directive.all) {
      if (!used.has(usedKey(d, undefined))) {
        const fix = removal(source.text, directive.comment.span);
        unused.push({ messageId: fileWide ? "unusedAllFile" : "unusedAllNextLine", span: directive.comment.span, data: { line: directive.targetLine ?? 0 }, fix });
      }
      return;
    }
    const stale = directive.rules.filter(({ id }) => isActive(id) && !used.has(usedKey(d, id)));
    for (const entry of stale) {
      const fix = stale.length === directive.written.length ? removal(source.text, directive.comment.span) : idRemoval(directive, entry);
      unused.push({ messageId: fileWide ? "unusedFile" : "unusedNextLine", span: entry.span, data: { rule: entry.id, line: directive.targetLine ?? 0 }, fix });
    }
  });
  return { kept, unused };
}

/**
 * One id out of a directive's list, with the separator after it (or, for the last, before it). A directive left
 * without ids would cover every rule, so when every id goes the fix removes the comment instead (above).
 */
function idRemoval(directive: DisableDirective, entry: { readonly span: Span }): TextEdit {
  const ids = directive.written;
  const at = ids.findIndex((i) => i.span.start === entry.span.start);
  const span = at < ids.length - 1 ? { start: entry.span.start, end: ids[at + 1]!.span.start } : { start: ids[at - 1]!.span.end, end: entry.span.end };
  return { span, text: "" };
}
