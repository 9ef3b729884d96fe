import { readdirSync, readFileSync } from "node:fs";
import { compileAssemblyScript } from "../../compiler/asc.js";
import { repoPath } from "../repo-root.js";

const minimalDir = repoPath("bench", "peers", "minimal");

/**
 * AssemblyScript string literals are UTF-16, and the ABI wants UTF-8, so the hand-written peers write byte strings
 * as `lit("...")` (JSON string syntax) and this expands each into static UTF-8 data packed as a `Bytes` value
 * (pointer << 32 | length; see minimal/bytes.as.ts).
 */
export function expandLiterals(source: string): string {
  return source.replace(/lit\(("(?:[^"\\]|\\.)*")\)/g, (_, quoted: string) => {
    const data = new TextEncoder().encode(JSON.parse(quoted) as string);
    return `((<u64>memory.data<u8>([${data.join(",")}]) << 32) | ${data.length})`;
  });
}

/**
 * Compiles a hand-written raw-ABI AssemblyScript peer (bench/peers/minimal/NAME.as.ts and the helpers beside it)
 * with the same in-process compiler and flags as filterc's own output, without filterc's runtime.
 */
export async function compileRawAbiPeer(entry: string): Promise<Uint8Array> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(minimalDir)) {
    if (name.endsWith(".as.ts")) files[name] = expandLiterals(readFileSync(`${minimalDir}/${name}`, "utf8"));
  }
  const out = await compileAssemblyScript({ files, entry, optimize: "size", mountRuntime: false });
  if (out.binary === undefined) throw new Error(`${entry} did not compile:\n${out.errors}`);
  return out.binary;
}
