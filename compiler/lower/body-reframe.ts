import type { RuleInfo } from "../check/result.js";
import { ruleActions } from "../../grammar/walk.js";
import { phaseDefinition, type Phase, type Side } from "../phases.js";
import type { LowerContext } from "./context.js";

/**
 * A body rule that may change the body's length (`replace`) makes the headers callback of its side remove
 * `content-length`: the header would no longer match the body, and without it Envoy re-frames the body
 * (chunked encoding on HTTP/1.1, the end of the stream on HTTP/2 and 3). Any such rule counts, shadow or not: the
 * plugin configuration can flip a shadow rule to enforce at runtime without a rebuild.
 */

/** The sides whose body a rule of the program may change in length. */
export function reframedSides(rules: readonly RuleInfo[]): ReadonlySet<Side> {
  const sides = new Set<Side>();
  for (const info of rules) {
    const definition = phaseDefinition(info.phase);
    if (definition.body !== undefined && ruleActions(info.rule).some((action) => action.kind === "Replace")) sides.add(definition.side);
  }
  return sides;
}

/** Whether `phase` is the headers callback that must remove `content-length` for its side's body. */
export function removesContentLength(phase: Phase, sides: ReadonlySet<Side>): boolean {
  const definition = phaseDefinition(phase);
  return definition.body === undefined && definition.runsOn === "callback" && sides.has(definition.side);
}

/**
 * The statement that removes it, after the phase's rules: they read the header as the client or upstream sent it.
 * Envoy's HeaderMap::remove via proxy_remove_header_map_value (Context::removeHeaderMapValue).
 */
export function contentLengthRemoval(ctx: LowerContext, phase: Phase): string {
  return `removeHeader(${phaseDefinition(phase).headerMap}, ${ctx.data.text("content-length")});`;
}
