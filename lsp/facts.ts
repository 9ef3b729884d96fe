import { ACTIONS } from "../compiler/actions/registry.js";
import type { FieldInfo } from "../compiler/fields.js";
import type { ParamInfo, VariableInfo } from "../compiler/check/result.js";
import { phaseDefinition, type Phase } from "../compiler/phases.js";
import type { BinaryOperator } from "../grammar/ast.js";

/**
 * Markdown descriptions of the language's names, for hover and completion. Each is built from the table that the
 * compiler itself uses (compiler/fields.ts, the action and function registries, compiler/phases.ts), so the editor
 * says what the compiler does.
 */

export function describeField(field: FieldInfo, key?: string): string {
  const name = field.keyed ? `${field.name}[${key === undefined ? '"…"' : JSON.stringify(key)}]` : field.name;
  const lines = [`\`${name}\`: ${field.type}${field.optional ? " (may be absent)" : ""}`, "", `${capital(field.description)}.`, "", `Reads ${fieldSource(field, key)}.`];
  lines.push("", `Readable on ${field.phases.map((p) => `\`${p}\``).join(", ")}.`);
  if (field.address) lines.push("", "An IP address: `in` compares it with CIDR ranges.");
  return lines.join("\n");
}

function fieldSource(field: FieldInfo, key: string | undefined): string {
  const source = field.source;
  switch (source.from) {
    case "request-header":
      return `the request header \`${source.header}\``;
    case "response-header":
      return `the response header \`${source.header}\``;
    case "request-header-keyed":
      return key === undefined ? "a request header" : `the request header \`${key}\``;
    case "response-header-keyed":
      return key === undefined ? "a response header" : `the response header \`${key}\``;
    case "query-keyed":
      return "a query parameter of `:path`";
    case "cookie-keyed":
      return "a cookie of the `cookie` request header";
    case "authority":
      return `the ${source.part} part of \`:authority\``;
    case "client-address":
      return "`x-forwarded-for` (as many hops from the right as `trusted_hops` says) or the Envoy attribute `source.address`";
    case "body":
      return "the whole body, held until its end";
    case "property":
      return `the Envoy attribute \`${source.path.join(".")}\``;
  }
}

export function describeParam(param: ParamInfo, configured: { file: string; value: unknown } | undefined): string {
  const lines = [`\`param ${param.name}\`: ${param.type}`, "", `Default: \`${JSON.stringify(param.defaultValue)}\` (declared in the rule file).`];
  if (configured !== undefined) lines.push("", `Configured in ${configured.file} (\`pluginConfig\`): \`${JSON.stringify(configured.value)}\`.`);
  lines.push("", "Set at runtime through the plugin configuration, without a rebuild.");
  return lines.join("\n");
}

export function describeVariable(variable: VariableInfo): string {
  return [`\`let ${variable.name}\`: ${variable.type ?? "unknown type"}`, "", `A request-scoped variable, set by ${variable.sites.length} \`let\`${variable.sites.length === 1 ? "" : "s"}.`].join("\n");
}

export function describePhase(phase: Phase): string {
  const d = phaseDefinition(phase);
  const lines = [`\`on ${d.name}\`: runs in \`${d.callback}\` (${d.side} side).`, "", `Reads ${d.reads.join(" and ")} values.`];
  lines.push("", d.localReply ? "Rules may answer locally (`deny`, `respond`, `redirect`)." : "Rules may not answer locally here.");
  if (d.requestWritable) lines.push("", "The request can still be rewritten (`rewrite path`, `set query`).");
  return lines.join("\n");
}

/** Action keyword to the synopses of the actions it starts (`set` starts a header set and a query set). */
export const ACTION_SYNOPSES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const definition of Object.values(ACTIONS)) {
    const word = /^`([a-z_]+)/.exec(definition.synopsis)?.[1];
    if (word === undefined) continue;
    map.set(word, [...(map.get(word) ?? []), definition.synopsis]);
  }
  return map;
})();

export function describeAction(word: string): string | undefined {
  const synopses = ACTION_SYNOPSES.get(word);
  return synopses === undefined ? undefined : [`Action \`${word}\``, "", ...synopses.map((s) => `- ${s}`), "", "See docs/language.md, Actions."].join("\n");
}

const OPERATORS: Readonly<Record<BinaryOperator, string>> = {
  "==": "equal (a missing header is never equal)",
  "!=": "not equal (true for a missing header)",
  "<": "less than, on ints",
  "<=": "at most, on ints",
  ">": "greater than, on ints",
  ">=": "at least, on ints",
  contains: "the left string contains the right one",
  starts_with: "the left string starts with the right one",
  ends_with: "the left string ends with the right one",
  in: "the left value is an item of the list, or an address within one of its CIDR ranges",
  "contains any": "the string contains any item of the list, in one Aho-Corasick pass",
  "starts_with any": "the string starts with any item of the list",
  "ends_with any": "the string ends with any item of the list",
  matches: "the string matches the regular expression (compiled to a DFA at build time)",
  and: "both conditions hold",
  or: "either condition holds",
  "+": "64-bit int addition",
  "-": "64-bit int subtraction",
  "*": "64-bit int multiplication",
  "/": "64-bit int division, rounding toward zero",
  "%": "remainder of the 64-bit int division",
};

export function describeOperator(op: BinaryOperator): string {
  return `Operator \`${op}\`: ${OPERATORS[op]}.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
