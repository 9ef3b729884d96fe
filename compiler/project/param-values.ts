import type { ValueType } from "../fields.js";

/**
 * How a plugin-configuration value compares with a param's type: the filter keeps a param's default when the
 * configured value has another type. Shared by the linter (filterc.yaml's pluginConfig) and `filterc doctor` (the
 * pluginConfig of the resources it checks).
 */
export function hasType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "int":
      return typeof value === "number" && Number.isInteger(value);
    case "bool":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
  }
}

export function describeType(type: ValueType): string {
  return { string: "a string", int: "a whole number", bool: "true or false", list: "a list of strings" }[type];
}

export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return value.every((i) => typeof i === "string") ? "a list" : "a list with items that are not strings";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the fraction ${value}`;
  return String(value);
}

