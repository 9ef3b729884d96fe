/**
 * What the host needs to know about a module before instantiating it, read straight from the binary:
 * exact import and export signatures (V8 does not check a JS import's signature, Envoy does), memory and table
 * import limits (cpp-host creates them to match), and the name section (to name trap sites).
 */

import type { AbiVersion } from "./abi.js";
import { abiMarkers } from "./abi.js";

/** A function signature as a compact string: params then "->" results, e.g. "i32 i32 -> i32". */
export interface FuncType {
  readonly params: readonly string[];
  readonly results: readonly string[];
}

export interface Limits {
  readonly min: number;
  readonly max?: number;
  readonly shared: boolean;
}

export type ImportInfo =
  | { readonly module: string; readonly name: string; readonly kind: "function"; readonly type: FuncType }
  | { readonly module: string; readonly name: string; readonly kind: "memory"; readonly limits: Limits }
  | { readonly module: string; readonly name: string; readonly kind: "table"; readonly limits: Limits }
  | { readonly module: string; readonly name: string; readonly kind: "global" | "tag" };

export interface ExportInfo {
  readonly name: string;
  readonly kind: "function" | "table" | "memory" | "global" | "tag";
  readonly index: number;
}

export interface ModuleInfo {
  readonly imports: readonly ImportInfo[];
  readonly exports: readonly ExportInfo[];
  /** Marker found the way cpp-host finds it: the first function export named proxy_abi_version_*. */
  readonly abi?: AbiVersion;
  /** Function index (imports first) to name, from the "name" custom section. */
  readonly functionNames: ReadonlyMap<number, string>;
  /** Every section in order, with its size in bytes (header included); custom sections with their name. */
  readonly sections: readonly SectionInfo[];
  /** The size in bytes of each defined function's body in the code section (its size prefix included). */
  readonly functionBodies: ReadonlyArray<{ readonly index: number; readonly bytes: number }>;
  /** Signature of an exported function, by export name. */
  exportType(name: string): FuncType | undefined;
}

export interface SectionInfo {
  readonly id: number;
  readonly name?: string;
  readonly bytes: number;
}

export class CorruptModuleError extends Error {}

const valueTypes: Record<number, string> = {
  0x7f: "i32",
  0x7e: "i64",
  0x7d: "f32",
  0x7c: "f64",
  0x7b: "v128",
  0x70: "funcref",
  0x6f: "externref",
};
const externKinds = ["function", "table", "memory", "global", "tag"] as const;

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  byte(): number {
    if (this.pos >= this.end) throw new CorruptModuleError("unexpected end of section");
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new CorruptModuleError("varint too long");
    }
  }
  name(): string {
    const length = this.u32();
    if (this.pos + length > this.end) throw new CorruptModuleError("name past end of section");
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }
  valueType(): string {
    const code = this.byte();
    const type = valueTypes[code];
    if (type === undefined) throw new CorruptModuleError(`unknown value type 0x${code.toString(16)}`);
    return type;
  }
  limits(): Limits {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : undefined;
    return { min, max, shared: (flags & 2) !== 0 };
  }
}

export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new CorruptModuleError("not a WebAssembly binary");
  }
  const types: FuncType[] = [];
  const imports: ImportInfo[] = [];
  const exports: ExportInfo[] = [];
  const functionTypes: number[] = []; // type index of every function, imports first
  const functionNames = new Map<number, string>();
  const sections: SectionInfo[] = [];
  const functionBodies: Array<{ index: number; bytes: number }> = [];
  let importedFunctions = 0;
  let pos = 8;
  while (pos < bytes.length) {
    const header = new Reader(bytes, pos, bytes.length);
    const id = header.byte();
    const size = header.u32();
    const end = header.pos + size;
    if (end > bytes.length) throw new CorruptModuleError("section past end of module");
    const r = new Reader(bytes, header.pos, end);
    sections.push({ id, bytes: end - pos });
    switch (id) {
      case 1: // type
        for (let n = r.u32(); n > 0; n--) {
          const form = r.byte();
          if (form !== 0x60) throw new CorruptModuleError(`unsupported type form 0x${form.toString(16)}`);
          const params = Array.from({ length: r.u32() }, () => r.valueType());
          const results = Array.from({ length: r.u32() }, () => r.valueType());
          types.push({ params, results });
        }
        break;
      case 2: // import
        for (let n = r.u32(); n > 0; n--) {
          const module = r.name();
          const name = r.name();
          const kind = r.byte();
          if (kind === 0) {
            const typeIndex = r.u32();
            const type = types[typeIndex];
            if (type === undefined) throw new CorruptModuleError("import of an unknown type");
            functionTypes.push(typeIndex);
            importedFunctions++;
            imports.push({ module, name, kind: "function", type });
          } else if (kind === 1) {
            r.byte(); // element type
            imports.push({ module, name, kind: "table", limits: r.limits() });
          } else if (kind === 2) {
            imports.push({ module, name, kind: "memory", limits: r.limits() });
          } else if (kind === 3) {
            r.valueType();
            r.byte(); // mutability
            imports.push({ module, name, kind: "global" });
          } else if (kind === 4) {
            r.byte();
            r.u32();
            imports.push({ module, name, kind: "tag" });
          } else {
            throw new CorruptModuleError(`unknown import kind ${kind}`);
          }
        }
        break;
      case 3: // function
        for (let n = r.u32(); n > 0; n--) functionTypes.push(r.u32());
        break;
      case 10: // code
        for (let n = r.u32(), index = importedFunctions; n > 0; n--, index++) {
          const start = r.pos;
          const size = r.u32();
          r.pos += size;
          functionBodies.push({ index, bytes: r.pos - start });
        }
        break;
      case 7: // export
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = externKinds[r.byte()];
          if (kind === undefined) throw new CorruptModuleError("unknown export kind");
          exports.push({ name, kind, index: r.u32() });
        }
        break;
      case 0: {
        // Custom section; only "name" matters, and a broken one is ignored like V8 ignores it.
        const sectionName = r.name();
        sections[sections.length - 1] = { id, name: sectionName, bytes: end - pos };
        if (sectionName === "name") {
          try {
            readFunctionNames(r, functionNames);
          } catch {
            functionNames.clear();
          }
        }
        break;
      }
      default:
        break;
    }
    pos = end;
  }

  // cpp-host takes the first marker in export order, not the highest version.
  let abi: AbiVersion | undefined;
  for (const e of exports) {
    if (e.kind !== "function") continue;
    abi = abiMarkers.find(([marker]) => marker === e.name)?.[1];
    if (abi !== undefined) break;
  }
  const exportTypes = new Map<string, FuncType>();
  for (const e of exports) {
    if (e.kind !== "function") continue;
    const type = types[functionTypes[e.index] ?? -1];
    if (type !== undefined) exportTypes.set(e.name, type);
  }
  return {
    imports,
    exports,
    abi,
    functionNames,
    sections,
    functionBodies,
    exportType: (name) => exportTypes.get(name),
  };
}

function readFunctionNames(r: Reader, names: Map<number, string>): void {
  while (r.pos < r.end) {
    const subsection = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (subsection === 1) {
      for (let n = r.u32(); n > 0; n--) {
        const index = r.u32();
        names.set(index, r.name());
      }
    }
    r.pos = end;
  }
}

export function formatTypes(types: readonly string[]): string {
  return types.length === 0 ? "void" : types.join(" ");
}
