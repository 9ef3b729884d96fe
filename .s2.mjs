import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
require("./node_modules/assemblyscript-0.17/cli/asc.js"); console.log("0.17 ok");
try { const asc = (await import("assemblyscript/asc")).default; console.log("0.28 ok");
const { compileRules } = await import("./dist/compiler/build.js");
const { Source } = await import("./dist/compiler/source.js");
console.log((await compileRules(new Source("a.fw", 'on response_headers set "a" = "b"'))).wasm.length);
} catch (e) { console.log(String(e.stack).slice(0, 1500)); }
