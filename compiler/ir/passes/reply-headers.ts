import { code } from "../code.js";
import type { Statement } from "../statements.js";

/**
 * The statements of an `on local_reply` rule, turned from the header map of its side into the local reply's
 * header list (runtime/reply-headers.ts): the reply is not a host header map yet, so its headers are edited in the
 * filter before proxy_send_local_response. Nothing caches a read of that list, so HeaderChanged goes. The checker
 * admits only header actions, logs, `let` and `stop` in the phase; anything else reaching here is a compiler bug.
 */
export function toReplyHeaders(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((statement): Statement[] => {
    switch (statement.kind) {
      case "WriteHeader": {
        if (statement.op === "set_default" && statement.safety.kind !== "constant") {
          // A computed value only when the reply has no such entry (language.md `set_default`; random() and uuid()).
          const add: Statement = { kind: "RuntimeCall", function: "replyAdd", args: [statement.name, statement.value] };
          return [{ kind: "Branches", arms: [{ condition: code`!replyHas(${statement.name})`, actions: [[add]] }] }];
        }
        const fn = statement.op === "set" ? "replySet" : statement.op === "add" ? "replyAdd" : "replySetDefault";
        return [{ kind: "RuntimeCall", function: fn, args: [statement.name, statement.value] }];
      }
      case "RemoveHeader":
        return [{ kind: "RuntimeCall", function: "replyRemove", args: [statement.name] }];
      case "RemoveHeaderPrefix":
        return [{ kind: "RuntimeCall", function: "replyRemovePrefix", args: [statement.name] }];
      case "RenameHeader":
        return [{ kind: "RuntimeCall", function: "replyRename", args: [statement.fromName, statement.toName] }];
      case "HeaderChanged":
        return [];
      case "Branches":
        return [{ kind: "Branches", arms: statement.arms.map((arm) => ({ ...arm, actions: arm.actions.map(toReplyHeaders) })) }];
      case "Log":
      case "Return":
      case "RuntimeCall":
      case "SetVariable":
        return [statement];
      case "RewritePath":
      case "RewritePathPrefix":
      case "ReplyStep":
      case "StaticReply":
        throw new Error(`internal: ${statement.kind} in an on local_reply rule`);
    }
  });
}

/** How many entries the statements may add to a reply's header list: the room replyBegin reserves. */
export function replyEntriesAdded(statements: readonly Statement[]): number {
  return statements.reduce((n, statement) => {
    if (statement.kind === "WriteHeader") return n + 1;
    if (statement.kind === "Branches") return n + Math.max(0, ...statement.arms.map((arm) => arm.actions.reduce((m, action) => m + replyEntriesAdded(action), 0)));
    return n;
  }, 0);
}
