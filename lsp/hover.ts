import type { Hover } from "vscode-languageserver";
import type { Reference } from "../grammar/ast.js";
import { tokenize } from "../grammar/index.js";
import { Source } from "../grammar/source.js";
import { programRules } from "../grammar/walk.js";
import { explainCode } from "../compiler/explain.js";
import { RULES } from "../compiler/lint/rules/index.js";
import { isPhase } from "../compiler/phases.js";
import type { Analysis } from "./analysis.js";
import { describeAction, describeField, describeOperator, describeParam, describePhase, describeVariable } from "./facts.js";
import { binaryAt } from "./expressions.js";
import { configuredParam } from "./project-files.js";
import { contains, rangeOf } from "./ranges.js";

/**
 * What is under the cursor, most specific first: a diagnostic code written in a comment, a name (field, param,
 * variable), an operator, a phase, an action keyword; and below it the explanation of every diagnostic there.
 */
export function hoverAt(analysis: Analysis, offset: number): Hover | null {
  const parts: string[] = [];
  let range = undefined;
  const named = nameAt(analysis, offset);
  if (named !== undefined) {
    parts.push(named.text);
    range = rangeOf(analysis.source, named.span);
  }
  for (const message of analysis.messages) {
    if (contains(message.span, offset)) parts.push(explainText(message.code) ?? "");
  }
  const text = parts.filter((p) => p !== "").join("\n\n---\n\n");
  return text === "" ? null : { contents: { kind: "markdown", value: text }, ...(range === undefined ? {} : { range }) };
}

/** `filterc explain CODE`'s text for a compile code; a lint rule's description and docs page. */
export function explainText(code: string): string | undefined {
  const doc = explainCode(code);
  if (doc !== undefined) return `**${code.toUpperCase()}**: ${doc.title}\n\n${doc.explanation}`;
  const rule = RULES.get(code);
  return rule === undefined ? undefined : `**${code}** (lint rule): ${rule.meta.description}\n\nSee ${rule.meta.docs}.`;
}

function nameAt(analysis: Analysis, offset: number): { text: string; span: { start: number; end: number } } | undefined {
  const { checked, text } = analysis;
  let best: [Reference, number] | undefined;
  for (const reference of checked.references.keys()) {
    const size = reference.span.end - reference.span.start;
    if (reference.span.end <= text.length && contains(reference.span, offset) && (best === undefined || size < best[1])) best = [reference, size];
  }
  if (best !== undefined) {
    const resolution = checked.references.get(best[0])!;
    const span = best[0].span;
    if (resolution.kind === "field") return { text: describeField(resolution.field, resolution.key), span };
    if (resolution.kind === "param") return { text: describeParam(resolution.param, configuredParam(analysis.project, resolution.param.name)), span };
    return { text: describeVariable(resolution.variable), span };
  }
  for (const param of checked.params) {
    if (param.decl.span.end <= text.length && contains(param.decl.name.span, offset)) {
      return { text: describeParam(param, configuredParam(analysis.project, param.name)), span: param.decl.name.span };
    }
  }
  const binary = binaryAt(analysis.program, offset);
  if (binary !== undefined) return { text: describeOperator(binary.op), span: binary.opSpan };
  for (const { rule } of programRules(analysis.program.statements)) {
    if (contains(rule.phase.span, offset) && isPhase(rule.phase.name)) return { text: describePhase(rule.phase.name), span: rule.phase.span };
  }
  return wordAt(text, offset);
}

/** An action keyword, or a diagnostic code in a comment (`# filterc-disable-next-line E0401`). */
function wordAt(text: string, offset: number): { text: string; span: { start: number; end: number } } | undefined {
  const lexed = tokenize(new Source("", text));
  for (const comment of lexed.comments) {
    if (!contains(comment.span, offset)) continue;
    for (const match of comment.text.matchAll(/\b([EW]\d{4}|[a-z]+(?:-[a-z]+)+)\b/g)) {
      const start = comment.span.start + 1 + match.index;
      const span = { start, end: start + match[0].length };
      const explained = contains(span, offset) ? explainText(match[1]!) : undefined;
      if (explained !== undefined) return { text: explained, span };
    }
    return undefined;
  }
  const token = lexed.tokens.find((t) => contains(t.span, offset));
  const action = token === undefined ? undefined : describeAction(token.image);
  return action === undefined ? undefined : { text: action, span: token!.span };
}
