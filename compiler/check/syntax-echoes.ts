import type { Diagnostic } from "../../grammar/diagnostic.js";
import type { Source } from "../../grammar/source.js";

/**
 * Check diagnostics that only echo a syntax error, dropped so the specific error is the one shown (issue 14).
 *
 * `when request.path = "/" deny 403` stops the condition at `=` (E0112, "to compare values, use `==`"), and
 * `when request.path matches api_pattern` stops it at the non-literal pattern (E0115). The checker then sees the
 * condition `request.path`, a string, and would add "a condition must be true or false" (E0216) for the same
 * words, ahead of the real mistake. An E0216 is an echo when the syntax error follows its span directly: with only
 * white space between them, or `matches`.
 *
 * `request.method == any methods` is reported as `any` after the wrong operator (E0130). The parser keeps the
 * comparison as `==` so the checker can go on, and the checker would then add "cannot compare a string with a list"
 * (E0217) for the same comparison, ahead of the real mistake: an E0217 whose span holds an E0130 is its echo. So
 * are "ordering needs integers" (E0218) and "a list only after `in`" (E0225) for the operand right after the `any`.
 */
const CUT_SHORT_BY: ReadonlySet<string> = new Set(["E0112", "E0115"]);
const OPERAND_AFTER_ANY: ReadonlySet<string> = new Set(["E0218", "E0225"]);

export function withoutSyntaxEchoes(source: Source, syntax: readonly Diagnostic[], checks: readonly Diagnostic[]): Diagnostic[] {
  const cuts = syntax.filter((d) => CUT_SHORT_BY.has(d.code));
  const misplacedAny = syntax.filter((d) => d.code === "E0130");
  if (cuts.length === 0 && misplacedAny.length === 0) return [...checks];
  return checks.filter((d) => {
    if (d.code === "E0216") return !cuts.some((cut) => follows(source.text, d.span.end, cut.span.start));
    if (d.code === "E0217") return !misplacedAny.some((any) => d.span.start <= any.span.start && any.span.end <= d.span.end);
    if (OPERAND_AFTER_ANY.has(d.code)) return !misplacedAny.some((any) => follows(source.text, any.span.end, d.span.start));
    return true;
  });
}

/** Whether `next` comes right after `end`: white space between, and at most the word `matches`. */
function follows(text: string, end: number, next: number): boolean {
  if (next < end) return false;
  const between = text.slice(end, next).trim();
  return between === "" || between === "matches";
}
