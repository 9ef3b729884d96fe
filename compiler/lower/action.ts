import type { Action, Expression } from "../../grammar/ast.js";
import type { Phase } from "../phases.js";
import type { LowerContext } from "./context.js";
import { lowerText } from "./expression.js";
import { sourcesRead } from "./reads.js";

/** What a rule function returns: go on with the next rule, stop the phase, or the stream was answered locally. */
export const RULE_NEXT = 0;
export const RULE_STOP = 1;
export const RULE_ANSWERED = 2;

export interface ActionContext {
  readonly ctx: LowerContext;
  readonly phase: Phase;
  /** Envoy's response_code_details for local responses of this rule. */
  readonly details: string;
}

function mapOf(phase: Phase): string {
  return phase === "request_headers" ? "MAP_REQUEST_HEADERS" : "MAP_RESPONSE_HEADERS";
}

/** Whether the expression reads params and literals only: its value changes only with the configuration. */
function readsParamsOnly(a: ActionContext, expr: Expression): boolean {
  return [...sourcesRead(a.ctx, expr)].every((s) => s === "param");
}

function mapName(phase: Phase): "request" | "response" {
  return phase === "request_headers" ? "request" : "response";
}

/** The statements of one action inside a rule function. */
export function lowerAction(a: ActionContext, action: Action): string[] {
  const { ctx, phase } = a;
  const text = (e: Expression) => lowerText(ctx, e, phase);
  const name = (value: string) => ctx.data.text(value);
  switch (action.kind) {
    case "HeaderAssign": {
      if (action.value.kind !== "StringLiteral" && readsParamsOnly(a, action.value)) {
        // Computed and checked once per configuration (see keepConfigured); `K<i>_safe` says it passed the check.
        const kept = ctx.configured(text(action.value));
        const call = (fn: string) => `${fn}(${mapOf(phase)}, ${name(action.name.value)}, ${kept});`;
        const written = ctx.headers.written(mapName(phase), action.name.value);
        if (action.op === "set_default") return [call("setDefaultHeader"), written];
        const [checked, unchecked] = action.op === "set" ? ["setHeaderChecked", "setHeader"] : ["addHeaderChecked", "addHeader"];
        return [`if (${kept}_safe) ${call(checked)} else ${call(unchecked)}`, written];
      }
      // A literal value was checked for CR, LF and NUL at compile time.
      const literal = action.value.kind === "StringLiteral" && action.op !== "set_default";
      const fn = literal ? { set: "setHeaderChecked", add: "addHeaderChecked" }[action.op as "set" | "add"] : { set: "setHeader", add: "addHeader", set_default: "setDefaultHeader" }[action.op];
      const value = text(action.value);
      // After `set` of a literal the header's value is known: later reads need no host call.
      const cacheUpdate = literal && action.op === "set" ? ctx.headers.writtenConstant(mapName(phase), action.name.value, value) : ctx.headers.written(mapName(phase), action.name.value);
      return [`${fn}(${mapOf(phase)}, ${name(action.name.value)}, ${value});`, cacheUpdate];
    }
    case "HeaderRemove":
      return [`removeHeader(${mapOf(phase)}, ${name(action.name.value)});`, ctx.headers.written(mapName(phase), action.name.value)];
    case "HeaderRemovePrefix":
      return [`removeHeadersWithPrefix(${mapOf(phase)}, ${name(action.prefix.value)});`, ctx.headers.writtenPrefix(mapName(phase), action.prefix.value)];
    case "HeaderRename":
      return [
        `renameHeader(${mapOf(phase)}, ${name(action.from.value)}, ${name(action.to.value)});`,
        ctx.headers.written(mapName(phase), action.from.value),
        ctx.headers.written(mapName(phase), action.to.value),
      ];
    case "QueryParam": {
      // The runtime encodes, edits and writes :path in one pass; later reads of :path (request.path,
      // request.query[...]) must ask the host again.
      const call = action.value === undefined ? `removeQueryParam(${name(action.key.value)});` : `setQueryParam(${name(action.key.value)}, ${text(action.value)});`;
      return [call, ctx.headers.written("request", ":path")];
    }
    case "RewritePath":
      return [`rewritePath(${text(action.value)});`, ctx.headers.written("request", ":path")];
    case "RewritePrefix":
      return [`rewritePathPrefix(${name(action.from.value)}, ${text(action.to)}, ${constantText(action.to) !== undefined});`, ctx.headers.written("request", ":path")];
    case "Log":
      return [`log(LOG_${levelConstant(action.level.name)}, ${text(action.message)});`];
    case "Stop":
      return [`return ${RULE_STOP};`];
    case "Deny":
      return localResponse(a, statusOf(action.status), action.body, []);
    case "Respond":
      return localResponse(a, statusOf(action.status), action.body, action.headers.map((h) => ({ name: h.name.value, value: h.value })));
    case "Redirect": {
      const status = action.status === undefined ? 302 : statusOf(action.status);
      return localResponse(a, status, undefined, [{ name: "location", value: action.location }], true);
    }
  }
}

/** The value of a string expression with nothing to evaluate: a literal, or a template of text only. */
function constantText(expr: Expression): string | undefined {
  if (expr.kind === "Paren") return constantText(expr.expression);
  if (expr.kind === "StringLiteral") return expr.value;
  if (expr.kind === "TemplateString" && expr.parts.every((p) => p.kind === "TemplateText")) return expr.parts.map((p) => (p.kind === "TemplateText" ? p.value : "")).join("");
  return undefined;
}

function levelConstant(level: string): string {
  const known: Record<string, string> = { trace: "TRACE", debug: "DEBUG", info: "INFO", warn: "WARN", warning: "WARN", error: "ERROR", critical: "CRITICAL" };
  const constant = known[level];
  if (constant === undefined) throw new Error(`internal: log level ${level}`);
  return constant;
}

function statusOf(expr: Expression): number {
  if (expr.kind !== "IntLiteral") throw new Error("internal: status must be an int literal");
  return expr.value;
}

/**
 * Header values are evaluated before the header list is laid out, since evaluating them may allocate. A header value
 * with CR, LF or NUL is dropped with a warning; for a redirect the location is the point, so the action is skipped.
 */
function localResponse(a: ActionContext, status: number, body: Expression | undefined, headers: { name: string; value: Expression }[], requireAll = false): string[] {
  const { ctx, phase } = a;
  const constants = headers.map((h) => constantText(h.value));
  if (constants.every((c) => c !== undefined)) {
    // Every value is known (and was checked for CR, LF and NUL): the header list is static data.
    const list = headers.length === 0 ? "NO_HEADERS" : ctx.data.pairs(headers.map((h, i) => [h.name, constants[i]!]));
    const bodyCode = body === undefined ? "EMPTY" : lowerText(ctx, body, phase);
    return [`sendLocalResponse(${status}, ${bodyCode}, ${ctx.data.text(a.details)}, ${list});`, `return ${RULE_ANSWERED};`];
  }
  const out: string[] = [];
  if (requireAll && headers.length === 1) {
    // A redirect: the runtime checks the location, builds the one-header list and sends, or logs and skips.
    const location = lowerText(ctx, headers[0]!.value, phase);
    const bodyCode = body === undefined ? "EMPTY" : lowerText(ctx, body, phase);
    out.push(`if (!sendLocalResponseWith(${status}, ${bodyCode}, ${ctx.data.text(a.details)}, ${ctx.data.text(headers[0]!.name)}, ${location})) return ${RULE_NEXT};`);
    out.push(`return ${RULE_ANSWERED};`);
    return out;
  }
  const values = headers.map((h, i) => {
    out.push(`const v${i} = ${lowerText(ctx, h.value, phase)};`);
    return `v${i}`;
  });
  if (requireAll) {
    for (const [i, h] of headers.entries()) {
      out.push(`if (!isSafeHeaderValue(v${i})) { logParts(LOG_WARN, ${ctx.data.text(`skipped ${h.name} "`)}, v${i}, ${ctx.data.text('": it contains CR, LF or NUL')}); return ${RULE_NEXT}; }`);
    }
  }
  const bodyCode = body === undefined ? "EMPTY" : lowerText(ctx, body, phase);
  out.push(`const body = ${bodyCode};`);
  let headerList = "NO_HEADERS";
  if (headers.length > 0) {
    const keys = headers.map((h) => ctx.data.text(h.name));
    const size = headers.map((h, i) => `strLen(${values[i]}) + ${new TextEncoder().encode(h.name).length}`).join(" + ");
    out.push(`pairsBegin(${headers.length}, ${size});`);
    for (const [i, h] of headers.entries()) {
      out.push(`if (!pairsAdd(${keys[i]}, ${values[i]})) logParts(LOG_WARN, ${ctx.data.text(`dropped response header "${h.name}": its value contains CR, LF or NUL`)}, EMPTY, EMPTY);`);
    }
    headerList = "pairsFinish()";
  }
  out.push(`sendLocalResponse(${status}, body, ${ctx.data.text(a.details)}, ${headerList});`);
  out.push(`return ${RULE_ANSWERED};`);
  return out;
}
