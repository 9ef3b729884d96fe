import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Chevrotain from "chevrotain";

/**
 * Chevrotain's package entry loads its sources as hundreds of small ES modules (lodash-es among them), which costs
 * about 0.6 s at every CLI start; the single-file bundle it ships beside them loads in about 0.06 s. The package's
 * `exports` map hides the bundle, so it is found next to the resolved entry. Types still come from "chevrotain".
 */
const entry = createRequire(import.meta.url).resolve("chevrotain");
const bundle = join(dirname(entry), "..", "chevrotain.mjs");
const chevrotain = (await import(pathToFileURL(bundle).href)) as typeof Chevrotain;

export const { createToken, CstParser, EOF, Lexer, tokenMatcher, generateCstDts } = chevrotain;
