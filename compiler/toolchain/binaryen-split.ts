import { runInThisContext } from "node:vm";

/**
 * binaryen's npm package is one 13 MB ES module: 180 KB of emscripten glue and an 8.9 MB wasm binary written as a
 * template literal. V8 scans that literal twice on every import (once to pre-parse the module, once to compile the
 * function that holds it), which made loading binaryen the largest part of a cold `filterc build`. This splits
 * the package's text, once, into the wasm bytes and the glue with the literal replaced by a parameter, so later
 * processes read the bytes instead of parsing them (binaryen-load.ts keeps both in a cache directory).
 *
 * The glue becomes a classic script: `(async function (__import, __url, __wasm) { ... })`, resolving to what the
 * module exported. Any shape this code does not recognise gives undefined, and binaryen is then imported as usual.
 */
export interface SplitBinaryen {
  /** The glue as a script whose value is an async function of (dynamic import, the module's URL, wasm bytes). */
  readonly glue: string;
  readonly wasm: Uint8Array;
}

export function splitBinaryen(text: string): SplitBinaryen | undefined {
  const parts = glueOf(text);
  if (parts === undefined) return undefined;
  const wasm = decode(runInThisContext(parts.literal) as string);
  if (wasm === undefined || !WebAssembly.validate(wasm)) return undefined;
  return { glue: parts.glue, wasm };
}

/**
 * The glue of binaryen's package text, and the template literal that holds the wasm. Cheap beside decoding that
 * literal, so binaryen-load.ts derives the glue from the installed package on every load and runs a cached glue
 * only if it is exactly this text.
 */
export function glueOf(text: string): { glue: string; literal: string } | undefined {
  // The literal holds the wasm binary one byte per character, so it starts with the magic number "\0asm".
  const open = text.indexOf("`\\0asm");
  if (open < 0 || text.indexOf("`\\0asm", open + 1) >= 0) return undefined;
  const close = literalEnd(text, open);
  if (close === undefined || text[close + 1] !== ")") return undefined;
  // The literal is the only argument of a decoder call: `name(`...`)` becomes `__wasm`.
  const call = /[A-Za-z_$][\w$]*\($/.exec(text.slice(Math.max(0, open - 64), open));
  if (call === null) return undefined;
  const before = text.slice(0, open - call[0].length);
  const after = text.slice(close + 2);

  // `var a=await factory(),b=a;export{b as default};` at the end: the script returns the instance instead.
  const exported = /var ([\w$]+)=await ([\w$]+)\(\),([\w$]+)=\1;export\{\3 as default\};\s*$/.exec(after);
  if (exported === null) return undefined;
  let glue = `${before}__wasm${after.slice(0, exported.index)}return await ${exported[2]}();`;
  glue = glue.replaceAll("import.meta.url", "__url").replaceAll("await import(", "await __import(");
  // What a classic script cannot hold must all have been rewritten above.
  if (/import\.meta|[^\w$.]import\s*\(|[^\w$.]export\s*[{*]|`\\0asm/.test(glue)) return undefined;
  return { glue: `(async function (__import, __url, __wasm) {\n${glue}\n})`, literal: text.slice(open, close + 1) };
}

/** The index of the backtick closing the template literal opened at `open`; undefined if it holds `${`. */
function literalEnd(text: string, open: number): number | undefined {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 96 /* ` */) return i;
    else if (c === 36 /* $ */ && text[i + 1] === "{") return undefined;
  }
  return undefined;
}

/** One byte per character, as binaryen's own decoder reads it; undefined if a character is not a byte. */
function decode(bytes: string): Uint8Array<ArrayBuffer> | undefined {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
}
