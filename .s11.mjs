const t0 = performance.now();
await import("./node_modules/chevrotain/lib/chevrotain.min.mjs");
console.log("bundled chevrotain", performance.now() - t0);
