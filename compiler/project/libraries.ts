import { createRequire } from "node:module";

/**
 * yaml and ajv, loaded on first use: `filterc lint` of files with no filterc.yaml never needs them, and loading both
 * is about a third of a cold lint (134 module files). Both ship CommonJS builds, so loading stays synchronous.
 */
const load = createRequire(import.meta.url);

export function yamlLibrary(): typeof import("yaml") {
  return load("yaml") as typeof import("yaml");
}

export function ajvLibrary(): typeof import("ajv") {
  return load("ajv") as typeof import("ajv");
}
