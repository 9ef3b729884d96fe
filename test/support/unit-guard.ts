// Setup file of the "unit" test project (vitest.config.ts). Unit tests stay fast because they never compile with
// asc or Binaryen, start a process or run a wasm module. Each of those fails here with a pointer to where such a
// test belongs, so a slow test cannot slip into `npm run test:unit` unnoticed. Restored after each file, in case a
// worker process goes on to run end-to-end files.

import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { afterAll } from "vitest";

function refuse(what: string): never {
  throw new Error(
    `a unit test may not ${what}: move the test to an end-to-end folder (test/e2e, test/host, test/guards, test/cli, test/toolchain) or name it *.e2e.test.ts (see test/README.md)`,
  );
}

const restore: Array<() => void> = [];

function replace<T extends object>(target: T, names: ReadonlyArray<keyof T & string>, what: string): void {
  for (const name of names) {
    const original = target[name];
    restore.push(() => void (target[name] = original));
    // A function, not an arrow: WebAssembly.Module is called with `new`.
    target[name] = function refused() {
      refuse(what);
    } as T[keyof T & string];
  }
}

replace(WebAssembly, ["compile", "compileStreaming", "instantiate", "instantiateStreaming", "Module"], "compile or run wasm (asc, Binaryen, the host)");
replace(childProcess, ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"], "start a process (the CLI)");
syncBuiltinESMExports();

afterAll(() => {
  for (const undo of restore) undo();
  syncBuiltinESMExports();
});
