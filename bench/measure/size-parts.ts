import { compileRules } from "../../compiler/build.js";
import { exampleInput } from "../compile-example.js";
import { readModuleInfo } from "../../host/module-info.js";
import type { Example } from "../examples.js";

/** What filter.wasm's bytes are, by where they come from. */
export const SIZE_PARTS = [
  "rules and callbacks",
  "configuration reader",
  "addresses",
  "streams and captures",
  "memory",
  "other runtime",
  "static data",
  "module structure",
] as const;
export type SizePart = (typeof SIZE_PARTS)[number];

export interface SizeParts {
  readonly example: string;
  /** Bytes per part; they add up to the release build's size within a few bytes (see sizeParts). */
  readonly parts: Readonly<Record<SizePart, number>>;
}

/** Runtime functions by name prefix; the first match wins, anything else in runtime/ is "other runtime". */
const FUNCTION_PARTS: ReadonlyArray<readonly [string, SizePart]> = [
  ["filter/", "rules and callbacks"],
  ["runtime/config/", "configuration reader"],
  ["runtime/net/", "addresses"],
  ["runtime/properties/getAddressProperty", "addresses"],
  ["runtime/streams/", "streams and captures"],
  ["runtime/captures/", "streams and captures"],
  ["runtime/memory/", "memory"],
];

const DATA_SECTION = 11;

/**
 * Where an example's bytes go. The example is built as `filterc build` builds it, with the function names kept
 * (binaryen's debug info adds the name section and changes nothing else), so each function body is counted under
 * the part its name says. Functions inlined into a callback count as that callback's: the figures describe the
 * module as it ships.
 */
export async function sizeParts(example: Example): Promise<SizeParts> {
  const built = await compileRules(exampleInput(example), { optimize: "size", names: true });
  if (built.wasm === undefined) throw new Error(`${example.file} does not compile`);
  const info = readModuleInfo(built.wasm);
  const parts = Object.fromEntries(SIZE_PARTS.map((p) => [p, 0])) as Record<SizePart, number>;
  let bodies = 0;
  for (const body of info.functionBodies) {
    const name = info.functionNames.get(body.index) ?? "";
    parts[FUNCTION_PARTS.find(([prefix]) => name.startsWith(prefix))?.[1] ?? "other runtime"] += body.bytes;
    bodies += body.bytes;
  }
  // The 8-byte preamble, every section but the names, and the code section's own header and count.
  let structure = 8 - bodies;
  for (const section of info.sections) {
    if (section.name === "name") continue;
    if (section.id === DATA_SECTION) parts["static data"] += section.bytes;
    else structure += section.bytes;
  }
  parts["module structure"] = structure;
  return { example: example.name, parts };
}
