/**
 * The plugin configuration (docs/language.md, Parameters and runtime configuration): param values and
 * `disabled_rules` from a JSON object, each problem a warning that keeps the default.
 */
import type { CheckedProgram, ParamInfo } from "../../compiler/check/index.js";
import { parseRange } from "./addresses.js";
import { allExpressions, isField, unwrapParens, type Value } from "./fields.js";
import { toBytes, type LogLine } from "./model.js";

export interface Configuration {
  readonly params: ReadonlyMap<string, Value>;
  readonly disabledRules: ReadonlySet<string>;
  readonly warnings: readonly LogLine[];
}

const PREFIX = "plugin configuration";

export function configure(checked: CheckedProgram, text: string): Configuration {
  const params = new Map<string, Value>(checked.params.map((p) => [p.name, defaultValue(p)]));
  const disabledRules = new Set<string>();
  const warnings: LogLine[] = [];
  const warn = (message: string) => warnings.push({ level: "warn", message });
  const result = { params, disabledRules, warnings };
  if (text.trim() === "") return result;
  if (checked.params.length === 0 && !checked.rules.some((r) => r.name !== undefined)) {
    // No JSON reader in such a filter: anything beyond braces and white space is reported, unread.
    if (!/^[\s{}]*$/.test(text)) warn(`${PREFIX} ignored: this filter has no params or named rules`);
    return result;
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch {
    json = undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    warn(`${PREFIX} is not a JSON object: using defaults`);
    return result;
  }
  const addressLists = addressListParams(checked);
  for (const [key, value] of Object.entries(json)) {
    if (key === "disabled_rules") {
      if (isStringList(value)) for (const name of value) disabledRules.add(name);
      else warn(`${PREFIX}: wrong type, default kept for ${key}`);
      continue;
    }
    const param = checked.params.find((p) => p.name === key);
    if (param === undefined) {
      warn(`${PREFIX}: unknown key, ignored: ${key}`);
      continue;
    }
    const accepted = accept(param, value, addressLists.has(key));
    if (accepted === undefined) warn(`${PREFIX}: wrong type, default kept for ${key}`);
    else params.set(key, accepted);
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
function accept(param: ParamInfo, value: unknown, addresses: boolean): Value {
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

/** A JSON number as written: ints are read from their text (`600`, not `600.0`), not from a double. */
class JsonNumber {
  constructor(readonly text: string) {}
}

const NUMBER_MARK = "\u0000#";

/**
 * JSON.parse, keeping each number's text: numbers (as the JSON grammar spells them; strings are skipped whole)
 * become marked strings before parsing and JsonNumbers after. A text that is not JSON still throws, and so does
 * one with a malformed number such as `05`, which becomes two marked strings in a row.
 */
function parseJson(text: string): unknown {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/g, (token) => (token.startsWith('"') ? token : `"\\u0000#${token}"`));
  const revive = (value: unknown): unknown => {
    if (typeof value === "string") return value.startsWith(NUMBER_MARK) ? new JsonNumber(value.slice(NUMBER_MARK.length)) : value;
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    return value;
  };
  return revive(JSON.parse(marked));
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** List params used as `source.address in PARAM`: their configured items must be addresses or ranges. */
function addressListParams(checked: CheckedProgram): Set<string> {
  const names = new Set<string>();
  for (const expr of allExpressions(checked.program)) {
    if (expr.kind !== "Binary" || expr.op !== "in" || !isField(checked, expr.left, "source.address")) continue;
    const list = unwrapParens(expr.right);
    const resolution = list.kind === "Reference" ? checked.references.get(list) : undefined;
    if (resolution?.kind === "param") names.add(resolution.param.name);
  }
  return names;
}
