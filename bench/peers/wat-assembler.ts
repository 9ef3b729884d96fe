import { readFileSync } from "node:fs";
import { loadBinaryen } from "../../compiler/toolchain/binaryen-load.js";
import { repoPath } from "../repo-root.js";

/**
 * Hand-written WAT peers (bench/peers/minimal/*.wat) to binary with binaryen's text parser, as written: no
 * optimization pass, no name section, so the byte count is the module the author wrote.
 */
export async function assembleWat(file: string): Promise<Uint8Array> {
  return assembleWatText(readFileSync(repoPath("bench", "peers", "minimal", file), "utf8"), file);
}

export async function assembleWatText(text: string, file: string): Promise<Uint8Array> {
  const binaryen = await loadBinaryen();
  const module = binaryen.parseText(text);
  try {
    // Bulk memory for memory.copy/fill in hand-written code; Envoy's V8 accepts it.
    module.setFeatures(binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt);
    if (!module.validate()) throw new Error(`${file} does not validate`);
    // The debug-info flag is process-wide and filterc's optimizer sets it per build: clear it for this emit.
    binaryen.setDebugInfo(false);
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
