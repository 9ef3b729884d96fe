import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * End-to-end tests compile with asc and Binaryen, run the CLI as a process or run wasm in the host: whole folders,
 * and elsewhere files named *.e2e.test.ts. Every other test is a unit test (`npm run test:unit`); the unit project
 * is the complement of this list, so each test file is in exactly one project.
 */
const END_TO_END = ["test/{e2e,host,guards,cli,toolchain}/**/*.test.ts", "test/**/*.e2e.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One worker per core. vitest's default in `run` is one fewer, which on a 2-core CI machine is a single worker
    // and leaves a core idle whenever no CLI process is running. FILTERC_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.FILTERC_TEST_WORKERS ?? 0) || availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: END_TO_END,
          setupFiles: ["test/support/unit-guard.ts"],
          // Unit tests keep no state in modules (no mocks, no globals), so a worker can reuse the modules it has
          // loaded across files: importing the grammar and compiler again for every file took most of the time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: END_TO_END,
          // A new compiled-module cache directory for this run, shared by its workers (test/support/module-cache.ts).
          globalSetup: ["test/support/global-setup.ts"],
          // Isolated (a process per file): with isolate: false, test/toolchain/asc-crash.test.ts saw another
          // process.exit than the one compiler/asc.ts restores, as vitest wraps process.exit again per file.
        },
      },
    ],
  },
});
