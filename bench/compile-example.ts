import { compileRules } from "../compiler/build.js";
import { Source } from "../grammar/source.js";
import type { Example } from "./examples.js";

/** An example as `filterc build` compiles it (size-optimized, no debug names). */
export async function compileExample(example: Example): Promise<Uint8Array> {
  const result = await compileRules(new Source(example.file, example.text), { optimize: "size" });
  if (result.wasm === undefined) throw new Error(`${example.file} does not compile`);
  return result.wasm;
}
