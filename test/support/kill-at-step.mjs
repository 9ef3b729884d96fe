// Test-only entry: `node test/support/kill-at-step.mjs N ARGS...` runs the built CLI (dist/cli/main.js) with ARGS and
// sends it SIGKILL just before its Nth change to the file system (compiler/atomic-write.ts fileSystemSteps), so
// tests can interrupt a build between any two steps without a hook in the production code path.
const [step, ...args] = process.argv.slice(2);
const { fileSystemSteps } = await import("../../dist/compiler/atomic-write.js");
fileSystemSteps.beforeStep = (n) => {
  if (n === Number(step)) process.kill(process.pid, "SIGKILL");
};
const main = new URL("../../dist/cli/main.js", import.meta.url);
process.argv = [process.argv[0], main.pathname, ...args];
await import(main.href);
