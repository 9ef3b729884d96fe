import type { Formatter } from "./context.js";
import github from "./github.js";
import json from "./json.js";
import sarif from "./sarif.js";
import stylish from "./stylish.js";

export type { Formatter, FormatterContext } from "./context.js";

export const FORMATTERS = { stylish, json, sarif, github } as const satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}
