import type { Action, Expression, StringLiteral } from "../../grammar/ast.js";
import type { CheckContext } from "../check/context.js";
import type { Statement } from "../ir/statements.js";
import type { ActionLowering } from "./lowering.js";

/** How an action names a header: the operation, for messages and for lint rules that care which one it is. */
export type HeaderOperation = "set" | "add" | "set_default" | "remove" | "rename-from" | "rename-to" | "local-reply";

/** A header name as written in an action. */
export interface HeaderTarget {
  readonly name: StringLiteral;
  readonly operation: HeaderOperation;
  readonly action: Action;
}

/** What an action does besides evaluating its expressions. */
export interface ActionEffects {
  /** Headers of the phase's map it changes: exact names, and prefixes of names it removes. */
  readonly writes: { readonly names: readonly string[]; readonly prefixes: readonly string[] };
  /** The header names it writes as the rule spells them, including the headers of a local reply. */
  readonly targets: readonly HeaderTarget[];
  /** `phase`: no later rule of the phase runs (`stop`); `stream`: the stream is answered locally. */
  readonly ends?: "phase" | "stream";
  /** It may answer the stream locally without always doing so (`limit`): its phase sends replies, nothing ends. */
  readonly mayReply?: true;
}

/**
 * `observes`: the action changes no traffic, it reports or remembers (`log`, `let`, `count`, `observe`): it takes
 * effect in a shadow rule too, and a body phase need not hold the body for it. `enforces`: a shadow
 * rule does not apply it, and reports `would` instead, after the word "would": `deny 403`, `set x-h`.
 */
export type ShadowEffect<A extends Action> =
  | { readonly effect: "observes" }
  | { readonly effect: "enforces"; would(action: A): string }
  /**
   * `meters`: the action keeps state that a shadow rule must keep too (`limit` takes its tokens), and only its
   * refusal is what a shadow rule reports instead: `lowerShadow` is what it does in a shadow rule.
   */
  | { readonly effect: "meters"; would(action: A): string; lowerShadow(lowering: ActionLowering, action: A): Statement[] };

/**
 * Everything filterc knows about one action, in one module (compiler/actions/<action>.ts): adding an action is
 * adding its module to the registry, and the compiler does not build until every part is there.
 */
export interface ActionDefinition<A extends Action> {
  /** The keyword that starts it, as messages name it: `deny`, `respond`, `set`. */
  keyword(action: A): string;
  /** How docs/language.md's table of actions writes it (a test looks for it there). */
  readonly synopsis: string;
  /** The production of docs/grammar.md that parses it (a test looks for it there). */
  readonly production: string;
  /** The expressions it evaluates, in evaluation order. */
  expressions(action: A): readonly Expression[];
  effects(action: A): ActionEffects;
  /** What it does in a shadow rule (docs/language.md, "Shadow mode: rolling out a rule"). */
  readonly shadow: ShadowEffect<A>;
  /** Reports what is wrong with it; types its literals. Unreachable actions are lint's concern. */
  check(ctx: CheckContext, action: A): void;
  /** Its statements inside its rule's function. */
  lower(lowering: ActionLowering, action: A): Statement[];
  /** The Envoy clusters it calls (a global `limit`'s `via`): the deployment files define them. */
  clusters?(action: A): readonly string[];
}

export const NO_WRITES: ActionEffects["writes"] = { names: [], prefixes: [] };
