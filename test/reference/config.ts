/**
 * The plugin configuration (docs/language.md, Parameters and runtime configuration): param values and
 * `disabled_rules` from a JSON object, each problem a warning that keeps the default.
 */
import type { CheckedProgram, ParamInfo } from "../../compiler/check/index.js";
import { parseRange } from "./addresses.js";
import { allExpressions, isAddress, isField, unwrapParens, type Value } from "./fields.js";
import { JsonNumber, JsonObject, readJson, type JsonValue } from "./json.js";
import { toBytes, type LogLine } from "./model.js";
import { flipsRules } from "./shadow.js";

export interface Configuration {
  readonly params: ReadonlyMap<string, Value>;
  readonly disabledRules: ReadonlySet<string>;
  /** Whether each named rule runs in shadow mode (docs/language.md, "Shadow mode"); absent for anonymous rules. */
  readonly shadowed: ReadonlyMap<string, boolean>;
  readonly warnings: readonly LogLine[];
  /** `trusted_hops`, when the program reads `client.address` (docs/language.md); 0 unless configured. */
  readonly trustedHops: bigint;
}

const PREFIX = "plugin configuration";

export function configure(checked: CheckedProgram, text: string): Configuration {
  const params = new Map<string, Value>(checked.params.map((p) => [p.name, defaultValue(p)]));
  const disabledRules = new Set<string>();
  const warnings: LogLine[] = [];
  const warn = (message: string) => warnings.push({ level: "warn", message });
  // A rule's declared mode, unless `shadow_rules` or `enforce_rules` names it (one of them only).
  const shadowed = new Map<string, boolean>();
  const flips = flipsRules(checked.rules);
  const result = { params, disabledRules, shadowed, warnings, trustedHops: 0n };
  // `on local_reply` rules have no shadow mode: they edit the filter's own replies.
  for (const r of checked.rules) if (flips && r.name !== undefined && r.phase !== "local_reply" && !shadowed.has(r.name)) shadowed.set(r.name, r.rule.shadow !== undefined);
  if (text.trim() === "") return result;
  // The key exists when a rule reads client.address and no param takes the name.
  const hopsKey = readsClientAddress(checked) && !checked.params.some((p) => p.name === "trusted_hops");
  if (checked.params.length === 0 && !checked.rules.some((r) => r.name !== undefined) && !hopsKey) {
    // No JSON reader in such a filter: anything beyond braces and white space is reported, unread.
    if (!/^[\s{}]*$/.test(text)) warn(`${PREFIX} ignored: this filter has no params or named rules`);
    return result;
  }
  const json = readJson(text);
  if (!(json instanceof JsonObject)) {
    warn(`${PREFIX} is not a JSON object: using defaults`);
    return result;
  }
  const listed = { shadow_rules: new Set<string>(), enforce_rules: new Set<string>() };
  const addressLists = addressListParams(checked);
  const matchedLists = anyListParams(checked);
  // A key given twice is read twice, in order: the last value of the right type wins.
  for (const [key, value] of json.members) {
    if (key === "disabled_rules") {
      if (isStringList(value)) for (const name of value) disabledRules.add(name);
      else warn(`${PREFIX}: wrong type, default kept for ${key}`);
      continue;
    }
    if (flips && (key === "shadow_rules" || key === "enforce_rules") && !checked.params.some((p) => p.name === key)) {
      if (isStringList(value)) for (const name of value) listed[key].add(name);
      else warn(`${PREFIX}: wrong type, default kept for ${key}`);
      continue;
    }
    if (hopsKey && key === "trusted_hops") {
      const hops = value instanceof JsonNumber && /^-?[0-9]{1,18}$/.test(value.text) ? BigInt(value.text) : undefined;
      if (hops === undefined) warn(`${PREFIX}: wrong type, default kept for ${key}`);
      else if (hops >= 0n) result.trustedHops = hops;
      continue;
    }
    const param = checked.params.find((p) => p.name === key);
    if (param === undefined) {
      warn(`${PREFIX}: unknown key, ignored: ${key}`);
      continue;
    }
    // A list that `contains any` matches holds at most maxListBytes bytes of items (1 MiB unless filterc.yaml says).
    if (matchedLists.has(key) && isStringList(value) && value.reduce((n, item) => n + toBytes(item).length, 0) > MAX_LIST_BYTES) {
      warn(`${PREFIX}: list past maxListBytes, default kept for ${key}`);
      continue;
    }
    const accepted = accept(param, value, addressLists.has(key));
    if (accepted === undefined) warn(`${PREFIX}: wrong type, default kept for ${key}`);
    else params.set(key, accepted);
  }
  for (const [name, declared] of shadowed) {
    const [shadow, enforce] = [listed.shadow_rules.has(name), listed.enforce_rules.has(name)];
    if (shadow && enforce) warn(`${PREFIX}: rule in both shadow_rules and enforce_rules: ${name}, its declared mode kept`);
    else shadowed.set(name, shadow || (!enforce && declared));
  }
  return result;
}

function defaultValue(param: ParamInfo): Value {
  const value = param.defaultValue;
  if (typeof value === "string") return toBytes(value);
  if (typeof value === "number") return BigInt(value);
  return Array.isArray(value) ? value.map(toBytes) : value;
}

/** A configured value of the param's type, or undefined when it has another. Ints are whole and of 18 digits at most. */
function accept(param: ParamInfo, value: JsonValue, addresses: boolean): Value {
  switch (param.type) {
    case "string":
      return typeof value === "string" ? toBytes(value) : undefined;
    case "int":
      return value instanceof JsonNumber && /^-?[0-9]{1,18}$/.test(value.text) ? BigInt(value.text) : undefined;
    case "bool":
      return typeof value === "boolean" ? value : undefined;
    case "list":
      if (!isStringList(value)) return undefined;
      if (addresses && !value.every((item) => parseRange(item) !== undefined)) return undefined;
      return value.map(toBytes);
  }
}

function isStringList(value: JsonValue): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

const MAX_LIST_BYTES = 1 << 20;

/** List params that `contains any`, `starts_with any` or `ends_with any` match against. */
function anyListParams(checked: CheckedProgram): Set<string> {
  const names = new Set<string>();
  for (const expr of allExpressions(checked.program)) {
    if (expr.kind !== "Binary" || !expr.op.endsWith(" any")) continue;
    const list = unwrapParens(expr.right);
    const resolution = list.kind === "Reference" ? checked.references.get(list) : undefined;
    if (resolution?.kind === "param") names.add(resolution.param.name);
  }
  return names;
}

/** List params used as `source.address in PARAM`: their configured items must be addresses or ranges. */
function addressListParams(checked: CheckedProgram): Set<string> {
  const names = new Set<string>();
  for (const expr of allExpressions(checked.program)) {
    if (expr.kind !== "Binary" || expr.op !== "in" || !isAddress(checked, expr.left)) continue;
    const list = unwrapParens(expr.right);
    const resolution = list.kind === "Reference" ? checked.references.get(list) : undefined;
    if (resolution?.kind === "param") names.add(resolution.param.name);
  }
  return names;
}

function readsClientAddress(checked: CheckedProgram): boolean {
  return allExpressions(checked.program).some((expr) => isField(checked, expr, "client.address"));
}
