/**
 * Actions (docs/language.md, Actions): what one action does to the header map of its phase, and the local
 * responses. An action sees every change made before it, by earlier rules and earlier actions of its own rule.
 */
import type { Action, Expression } from "../../grammar/ast.js";
import type { HeaderMap } from "./header-map.js";
import { evaluate, text, type Scope } from "./expressions.js";
import { toBytes, type LocalReply, type LogLevelName } from "./model.js";
import { editQuery } from "./query.js";
import type { MetricState } from "./metrics.js";
import { replaceInBody } from "./body-replace.js";

/** What a rule's action list comes to: go on, stop the phase, or a local response ends the stream. */
export type ActionsResult = { readonly kind: "next" } | { readonly kind: "stop" } | { readonly kind: "local"; readonly reply: LocalReply };

export interface ActionTarget {
  readonly scope: Scope;
  /** The header map of the rule's phase (request or response). */
  readonly headers: HeaderMap;
  /** Envoy's response_code_details for this rule's local responses. */
  readonly details: string;
  log(level: LogLevelName, message: string): void;
  readonly metrics: MetricState;
  /** The body of a body phase as bytes, which `replace` changes for the later actions and rules. */
  readonly body?: { value: string };
}

export function runActions(target: ActionTarget, actions: readonly Action[]): ActionsResult {
  for (const action of actions) {
    const result = runAction(target, action);
    if (result.kind === "skip-rest") return NEXT;
    if (result.kind !== "next") return result;
  }
  return NEXT;
}

const NEXT: ActionsResult = { kind: "next" };

/**
 * A redirect that is not sent ends its rule's actions (the actions after a local response are unreachable by
 * design), and the next rule runs.
 */
const SKIP_REST = { kind: "skip-rest" } as const;

function runAction(target: ActionTarget, action: Action): ActionsResult | typeof SKIP_REST {
  const { headers } = target;
  const value = (expr: Expression) => text(evaluate(target.scope, expr));
  switch (action.kind) {
    case "HeaderAssign": {
      const name = action.name.value;
      if (action.op === "set_default" && headers.get(name) !== undefined) return NEXT;
      const computed = value(action.value);
      if (!safeOrWarn(target, name, computed)) return NEXT;
      if (action.op === "set") headers.set(name, computed);
      else headers.add(name, computed);
      return NEXT;
    }
    case "HeaderRemove":
      headers.remove(action.name.value);
      return NEXT;
    case "HeaderRemovePrefix":
      headers.removePrefix(action.prefix.value);
      return NEXT;
    case "HeaderRename": {
      const moved = headers.values(action.from.value);
      if (moved.length === 0 || action.from.value === action.to.value) return NEXT;
      // Moved values are treated as computed ones: one with CR, LF or NUL skips the rename.
      if (!moved.every((v) => safeOrWarn(target, action.to.value, v))) return NEXT;
      headers.remove(action.from.value);
      headers.remove(action.to.value);
      for (const v of moved) headers.add(action.to.value, v);
      return NEXT;
    }
    case "QueryParam": {
      const path = headers.get(":path");
      if (path === undefined) return NEXT;
      const edited = editQuery(path, toBytes(action.key.value), action.value === undefined ? undefined : value(action.value));
      if (edited !== undefined) headers.set(":path", edited);
      return NEXT;
    }
    case "RewritePath": {
      const path = value(action.value);
      if (safeOrWarn(target, ":path", path)) headers.set(":path", path);
      return NEXT;
    }
    case "RewritePrefix": {
      const path = headers.get(":path") ?? "";
      const from = toBytes(action.from.value);
      if (!path.startsWith(from)) return NEXT;
      const rewritten = value(action.to) + path.slice(from.length);
      if (safeOrWarn(target, ":path", rewritten)) headers.set(":path", rewritten);
      return NEXT;
    }
    case "Log":
      target.log(action.level.name as LogLevelName, escapeLogLine(value(action.message)));
      return NEXT;
    case "Stop":
      return { kind: "stop" };
    case "Let":
      // The value as it is now: later changes to what it was computed from do not change it.
      target.scope.variables.set(action.name.name, evaluate(target.scope, action.value));
      return NEXT;
    case "Count":
      target.metrics.count(target.scope, action);
      return NEXT;
    case "Observe":
      target.metrics.observe(target.scope, action);
      return NEXT;
    case "Replace": {
      // language.md, "Replacing in a body": an absent replacement replaces nothing.
      const to = evaluate(target.scope, action.value);
      if (target.body !== undefined && to !== undefined) target.body.value = replaceInBody(target.body.value, action, text(to));
      return NEXT;
    }
    case "Deny":
      return local(target, action.status, action.body === undefined ? "" : value(action.body), []);
    case "Respond": {
      const entries = action.headers.map((h) => [h.name.value, value(h.value)] as const);
      const body = action.body === undefined ? "" : value(action.body);
      const sent = entries.filter(([name, v]) => {
        if (isSafe(v)) return true;
        target.log("warn", `dropped response header "${name}": its value contains CR, LF or NUL`);
        return false;
      });
      return local(target, action.status, body, sent);
    }
    case "Redirect": {
      const location = value(action.location);
      if (!safeOrWarn(target, "location", location)) return SKIP_REST;
      return local(target, action.status, "", [["location", location]]);
    }
  }
}

function local(target: ActionTarget, status: Expression | undefined, body: string, headers: ReadonlyArray<readonly [string, string]>): ActionsResult {
  const code = status === undefined ? 302 : Number(evaluate(target.scope, status));
  return { kind: "local", reply: { status: code, body, headers, details: target.details } };
}

/** A computed header value with CR, LF or NUL is never sent: the action is skipped with a warning. */
function safeOrWarn(target: ActionTarget, name: string, value: string): boolean {
  if (isSafe(value)) return true;
  target.log("warn", `skipped header "${name}": its value contains CR, LF or NUL`);
  return false;
}

/** A log line shows CR, LF and NUL as the visible escapes `\r`, `\n` and `\0`; every other byte as it is. */
export function escapeLogLine(line: string): string {
  return line.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\0/g, "\\0");
}

function isSafe(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}
