import { parse } from "yaml";
import { defaultSettings, emitDeployment, sha256Hex, type DeploymentSettings, type EmitInput } from "../../compiler/emit/index.js";

/** A tiny but real module header plus some bytes, so the digest is of something that is not empty. */
export const SAMPLE_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00]);

/** A module as the wasm step hands it to emit: its bytes and their digest. */
export function moduleOf(wasm: Uint8Array): EmitInput["module"] {
  return { wasm, sha256: sha256Hex(wasm) };
}

export const SAMPLE_CONFIG = { header: "x-hello", limit: 3, enabled: true, paths: ["/a", "/b"], mode: "on" };

export function sampleInput(overrides: Partial<DeploymentSettings> = {}): EmitInput {
  return {
    settings: { ...defaultSettings("rules/add-header.fw"), ...overrides },
    module: moduleOf(SAMPLE_WASM),
    pluginConfig: structuredClone(SAMPLE_CONFIG),
  };
}

/** The emitted files of `input`, by name, parsed. */
export function emitParsed(input: EmitInput): Record<string, Record<string, any>> {
  return Object.fromEntries(emitDeployment(input).map((f) => [f.name, parse(f.content) as Record<string, any>]));
}

export function emittedText(input: EmitInput, name: string): string {
  const file = emitDeployment(input).find((f) => f.name === name);
  if (file === undefined) throw new Error(`no ${name} emitted`);
  return file.content;
}
