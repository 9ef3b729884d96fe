import type { Action, Expression, Rule } from "../../grammar/ast.js";
import { ruleActions, ruleConditions } from "../../grammar/walk.js";
import { authorize } from "./authorize.js";
import { count } from "./count.js";
import { deny } from "./deny.js";
import type { ActionDefinition, ActionEffects } from "./definition.js";
import { headerAssign } from "./header-assign.js";
import { headerRemovePrefix } from "./header-remove-prefix.js";
import { headerRemove } from "./header-remove.js";
import { headerRename } from "./header-rename.js";
import { letVariable } from "./let.js";
import { limit } from "./limit.js";
import { log } from "./log.js";
import { observe } from "./observe.js";
import { queryParam } from "./query-param.js";
import { redirect } from "./redirect.js";
import { replace } from "./replace.js";
import { respond } from "./respond.js";
import { rewritePath } from "./rewrite-path.js";
import { rewritePrefix } from "./rewrite-prefix.js";
import { stop } from "./stop.js";

/** Every action of the language by its AST kind: a kind without an entry does not compile. */
export const ACTIONS: { readonly [K in Action["kind"]]: ActionDefinition<Extract<Action, { kind: K }>> } = {
  HeaderAssign: headerAssign,
  HeaderRemove: headerRemove,
  HeaderRemovePrefix: headerRemovePrefix,
  HeaderRename: headerRename,
  QueryParam: queryParam,
  RewritePath: rewritePath,
  RewritePrefix: rewritePrefix,
  Deny: deny,
  Respond: respond,
  Redirect: redirect,
  Log: log,
  Stop: stop,
  Let: letVariable,
  Count: count,
  Observe: observe,
  Replace: replace,
  Limit: limit,
  Authorize: authorize,
};

/** The definition of an action's kind. */
export function actionDefinition<A extends Action>(action: A): ActionDefinition<A> {
  return ACTIONS[action.kind] as unknown as ActionDefinition<A>;
}

export function actionEffects(action: Action): ActionEffects {
  return actionDefinition(action).effects(action);
}

/** Actions that end rule processing: a local response ends the stream's rules, `stop` the phase's. */
export function isTerminator(action: Action): boolean {
  return actionEffects(action).ends !== undefined;
}

/** Actions that answer the stream themselves, always or when they decide to (`limit`). */
export function isLocalResponse(action: Action): boolean {
  const effects = actionEffects(action);
  return effects.ends === "stream" || effects.mayReply === true;
}

/** The expressions an action evaluates. */
export function actionExpressions(action: Action): readonly Expression[] {
  return actionDefinition(action).expressions(action);
}

/** The keyword that starts an action, as messages name it. */
export function actionKeyword(action: Action): string {
  return actionDefinition(action).keyword(action);
}

/** Every expression a rule evaluates, across its branches: its conditions, then its actions' expressions. */
export function ruleExpressions(rule: Rule): Expression[] {
  return [...ruleConditions(rule), ...ruleActions(rule).flatMap(actionExpressions)];
}

/** The Envoy clusters a program's actions call, each once, in order of first use. */
export function programClusters(rules: readonly Rule[]): string[] {
  const names = rules.flatMap((rule) => ruleActions(rule).flatMap((action) => actionDefinition(action).clusters?.(action) ?? []));
  return [...new Set(names)];
}
