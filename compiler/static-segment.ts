import type { Binaryen } from "./toolchain/binaryen-load.js";

type BinaryenModule = InstanceType<Binaryen["Module"]>;

/** What binaryen.js has for data segments; its typings name other methods (getNumMemorySegments) that it lacks. */
interface DataSegments {
  getNumDataSegments(): number;
  getDataSegmentByIndex(index: number): number;
  getDataSegmentInfo(segment: number): { name: string; offset: number | null; data: ArrayBuffer; passive: boolean };
}

/**
 * A large program's static data (compiler/lower/static-data.ts) as a data segment of its own, placed below asc's
 * static data instead of compiled from an AssemblyScript array literal: asc compiles and evaluates such a literal
 * element by element, which took most of the build of a program with thousands of rules. The generated source
 * names the address (`const DATA = <usize>16`), asc is told to start its own data after the bytes
 * (`--memoryBase`), and this adds the segment to asc's module before binaryen optimizes it.
 */

/** asc's `--memoryBase` for data placed at `base`: the first 16-byte boundary after it. */
export function placedDataEnd(placed: { readonly base: number; readonly bytes: Uint8Array }): number {
  return (placed.base + placed.bytes.length + 15) & ~15;
}

/** Adds the segment to `module`'s memory, keeping asc's segments and the memory's size and export. */
export function placeStaticData(module: BinaryenModule, placed: { readonly base: number; readonly bytes: Uint8Array }): void {
  const segments = [{ name: "filterc_data", offset: module.i32.const(placed.base), data: placed.bytes, passive: false }];
  const existing = module as unknown as DataSegments;
  for (let i = 0; i < existing.getNumDataSegments(); i++) {
    const info = existing.getDataSegmentInfo(existing.getDataSegmentByIndex(i));
    if (info.passive || info.offset === null) throw new Error("internal: asc emitted a passive data segment");
    segments.push({ name: info.name, offset: module.i32.const(info.offset), data: new Uint8Array(info.data), passive: false });
  }
  const memory = module.getMemoryInfo();
  // asc sized the memory for its data, which starts past ours (`--memoryBase`); the export stays as asc made it.
  module.setMemory(memory.initial, memory.max ?? -1, null, segments, memory.shared, memory.is64);
}
