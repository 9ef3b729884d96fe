import type { Expression, Span } from "../../grammar/ast.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./describe.js";
import { controlCharacter, listAsText } from "./errors/values.js";
import { checkListItems, inferExpression, unwrapParens } from "./expressions.js";
import { listNotAllowed } from "./errors/types.js";

/**
 * Where a text value goes. `header` text (header values, redirect locations, paths) must not contain CR, LF or NUL:
 * they would split or cut the header. Bodies and log messages may.
 */
export interface TextTarget {
  /** "a header value", "the body": completes "... must be text" and "... cannot contain". */
  readonly description: string;
  readonly header: boolean;
}

/** An action's text argument: any scalar (ints and bools are written out), never a list. */
export function checkTextValue(ctx: CheckContext, value: Expression, target: TextTarget): void {
  const inner = unwrapParens(value);
  if (inner.kind === "ListLiteral") {
    ctx.report(listNotAllowed(inner.span));
    checkListItems(ctx, inner);
    return;
  }
  const type = inferExpression(ctx, value);
  if (type === "list") ctx.report(listAsText(value.span, quoted(value), target.description));
  if (target.header) checkConstantText(ctx, inner, target.description);
}

/** Reports CR, LF or NUL in the constant parts of a string; runtime parts are checked by the filter. */
export function checkConstantText(ctx: CheckContext, value: Expression, description: string): void {
  if (value.kind === "StringLiteral") reportControl(ctx, value.span, value.value, description);
  else if (value.kind === "TemplateString") {
    for (const part of value.parts) if (part.kind === "TemplateText") reportControl(ctx, part.span, part.value, description);
  }
}

function reportControl(ctx: CheckContext, span: Span, text: string, description: string): void {
  const match = /[\r\n\0]/.exec(text);
  if (match !== null) ctx.report(controlCharacter(span, match[0], description));
}
