import { headerTargets, mapOfPhase, type HeaderMap, type HeaderTarget } from "../analysis/headers.js";
import { ruleActions } from "../../../grammar/walk.js";
import { ruleMeta, type FileContext, type LintRule, type Report } from "../rule.js";

/** Which map each pseudo-header lives in; the other map does not have it. */
const PSEUDO_MAP: Readonly<Record<string, HeaderMap>> = {
  ":path": "request",
  ":method": "request",
  ":authority": "request",
  ":scheme": "request",
  ":status": "response",
};

/** What setting each pseudo-header changes, for the message. */
const EFFECT: Readonly<Record<string, string>> = {
  ":method": "the request method the upstream sees",
  ":authority": "the host Envoy forwards the request to",
  ":scheme": "the scheme Envoy forwards",
  ":status": "the status code while the body stays the upstream's",
};

/**
 * Pseudo-headers are the request line and status line in header form: each has exactly one value and Envoy
 * relies on it. Removing, adding or renaming one breaks the message; setting one rewrites the request or the
 * status, which is allowed but deserves a second look. `host` is `:authority` in Envoy's header map: writing a
 * separate `host` header does not change the host.
 */
const rule: LintRule = {
  meta: ruleMeta({
    id: "no-pseudo-header-mutation",
    type: "problem",
    defaultSeverity: "warn",
    description: "Disallow removing, adding, renaming or casually setting pseudo-headers (:path, :method, :authority, :scheme, :status) and `host`.",
    messages: {
      remove: "removing pseudo-header `{{name}}` leaves the {{map}} without it, which Envoy rejects",
      add: "pseudo-header `{{name}}` has exactly one value; `add` would give it a second one",
      rename: "pseudo-header `{{name}}` cannot be renamed to or from: it has a fixed meaning and exactly one value",
      wrongPhase: "`{{name}}` is a {{owner}} pseudo-header; {{map}} headers do not have it",
      usePathRewrite: "set the path with `rewrite path` instead of writing `:path` as a header",
      set: "setting pseudo-header `{{name}}` changes {{effect}}",
      localReply: "`{{name}}` cannot be set in `with { }`: a local reply's status comes from `respond` itself",
      hostHeader: "Envoy keeps the request host in `:authority`; `{{operation}} \"host\"` writes a separate header and does not change the host",
    },
    hints: {
      remove: "remove this action",
      add: "use `set` to replace the value",
      rename: "copy the value with `set \"x-original-path\" = request.path` instead",
      wrongPhase: "read it as a field in conditions instead, e.g. `request.path` or `response.status`",
      usePathRewrite: "write `rewrite path ...` or `rewrite prefix \"/old/\" to \"/new/\"`; for one query parameter, `set query \"name\" = ...` or `remove query \"name\"`",
      set: "if this is intended, disable the rule on this line with `# filterc-disable-next-line no-pseudo-header-mutation`",
      localReply: "remove this entry",
      hostHeader: "to change the host, `set \":authority\" = \"...\"`",
    },
  }),
  checkFile(context: FileContext): void {
    for (const info of context.checked.rules) {
      const map = mapOfPhase(info.phase);
      for (const action of ruleActions(info.rule)) {
        for (const target of headerTargets(action)) {
          const report = problemOf(target, map);
          if (report !== undefined) context.report(report);
        }
      }
    }
  },
};

function problemOf(target: HeaderTarget, map: HeaderMap): Report | undefined {
  const name = target.name.value;
  const span = target.name.span;
  if (name === "host") {
    const writes = map === "request" && target.operation !== "remove" && target.operation !== "rename-from" && target.operation !== "local-reply";
    return writes ? { messageId: "hostHeader", span, data: { operation: target.operation === "rename-to" ? "rename ... to" : target.operation } } : undefined;
  }
  const owner = PSEUDO_MAP[name];
  if (owner === undefined) return undefined;
  if (target.operation === "local-reply") return { messageId: "localReply", span, data: { name } };
  if (owner !== map) return { messageId: "wrongPhase", span, data: { name, owner, map } };
  switch (target.operation) {
    case "remove":
      return { messageId: "remove", span, data: { name, map } };
    case "add":
      return { messageId: "add", span, data: { name } };
    case "rename-from":
    case "rename-to":
      return { messageId: "rename", span, data: { name } };
    case "set":
    case "set_default":
      if (name === ":path") return { messageId: "usePathRewrite", span };
      return { messageId: "set", span, data: { name, effect: EFFECT[name]! } };
  }
}

export default rule;
