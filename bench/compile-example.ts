import { compileRules } from "../compiler/build.js";
import { composeRuleFiles, type Composition } from "../compiler/imports.js";
import { Source } from "../grammar/source.js";
import type { Example } from "./examples.js";
import { repoPath } from "./repo-root.js";

/**
 * An example as `filterc build` compiles it (size-optimized, no debug names). A rule file is read with its imports
 * (examples/api/gateway.fw imports ../shared/baseline.fw), as the CLI reads it; a case that is not a file of its
 * own (bench/any-list.ts) is its text.
 */
export async function compileExample(example: Example): Promise<Uint8Array> {
  const result = await compileRules(exampleInput(example), { optimize: "size" });
  if (result.wasm === undefined) throw new Error(`${example.file} does not compile`);
  return result.wasm;
}

/** What the compiler reads for an example: a rule file with its imports, or the case's text. */
export function exampleInput(example: Example): Source | Composition {
  if (!example.file.endsWith(".fw")) return new Source(example.file, example.text);
  return composeRuleFiles([{ path: repoPath(example.file), displayName: example.file }]);
}
