// A child process that builds SDK peers: assemblyscript 0.17 and filterc's assemblyscript 0.28 both define the same
// non-configurable globals when they load, so the two compilers cannot share a process once 0.28 is loaded.
// Usage: node sdk-child.js SOURCE.ts OUT.wasm [SOURCE.ts OUT.wasm ...]

import { readFileSync, writeFileSync } from "node:fs";
import { compileSdkFilter } from "./sdk-compiler.js";

const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  const wasm = await compileSdkFilter(readFileSync(args[i]!, "utf8"), { debug: false });
  writeFileSync(args[i + 1]!, wasm);
}
