/**
 * Linking a module against the host like cpp-host does: every imported function must exist for the module's ABI
 * version with exactly the declared signature, imported globals are refused, imported memory and tables are
 * created to match. Each host function is wrapped in a gate that enforces the start-up and allocator
 * restrictions, counts the call, and (only when tracing) records it.
 */

import { statusName } from "../abi.js";
import { TEXT_ARGUMENTS, TRACED_TEXT_LIMIT } from "../call-parameters.js";
import { HostLoadError } from "../errors.js";
import { formatTypes, type ModuleInfo } from "../module-info.js";
import type { TraceEvent } from "../trace.js";
import type { Vm } from "../vm.js";
import { allHostFunctions } from "./all.js";
import type { HostFn, HostFunction } from "./host-function.js";

export const WASI_MODULES = ["wasi_snapshot_preview1", "wasi_unstable"] as const;

export interface Linked {
  readonly imports: WebAssembly.Imports;
  readonly memory?: WebAssembly.Memory;
}

export function link(vm: Vm, info: ModuleInfo): Linked {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  let memory: WebAssembly.Memory | undefined;
  for (const imp of info.imports) {
    const where = `${imp.module}.${imp.name}`;
    const slot = (imports[imp.module] ??= {});
    if (imp.kind === "function") {
      const def = findHostFunction(imp.module, imp.name, vm.abi);
      if (def === undefined) {
        throw new HostLoadError(`Failed to load Wasm module due to a missing import: ${where}`, "UnableToInitializeCode");
      }
      const want = [...def.params].map((p) => (p === "I" ? "i64" : "i32"));
      const wantResults = def.result === "i" ? ["i32"] : [];
      if (!sameTypes(imp.type.params, want) || !sameTypes(imp.type.results, wantResults)) {
        throw new HostLoadError(
          `Failed to load Wasm module due to an import type mismatch: ${where}, want: ` +
            `${formatTypes(imp.type.params)} -> ${formatTypes(imp.type.results)}, ` +
            `but host exports: ${formatTypes(want)} -> ${formatTypes(wantResults)}`,
          "UnableToInitializeCode",
        );
      }
      slot[imp.name] = gate(vm, def, where, def.make(vm));
    } else if (imp.kind === "memory") {
      memory = new WebAssembly.Memory({ initial: imp.limits.min, maximum: imp.limits.max, shared: imp.limits.shared });
      slot[imp.name] = memory;
    } else if (imp.kind === "table") {
      slot[imp.name] = new WebAssembly.Table({ element: "anyfunc", initial: imp.limits.min, maximum: imp.limits.max });
    } else {
      throw new HostLoadError(`Failed to load Wasm module due to a missing import: ${where}`, "UnableToInitializeCode");
    }
  }
  return { imports, memory };
}

/** Definitions by "env.name" / "wasi.name"; a name may have several ABI-specific definitions. */
const byName = new Map<string, HostFunction[]>();
for (const f of allHostFunctions) {
  const key = `${f.module}.${f.name}`;
  byName.set(key, [...(byName.get(key) ?? []), f]);
}

function findHostFunction(module: string, name: string, abi: Vm["abi"]): HostFunction | undefined {
  const kind = module === "env" ? "env" : (WASI_MODULES as readonly string[]).includes(module) ? "wasi" : undefined;
  if (kind === undefined) return undefined;
  return byName.get(`${kind}.${name}`)?.find((f) => f.abi === undefined || f.abi.includes(abi));
}

/** The text of each pointer argument at `indexes` (its size the next argument), cut at TRACED_TEXT_LIMIT bytes. */
function argumentTexts(vm: Vm, args: ReadonlyArray<number | bigint>, indexes: readonly number[]): Record<number, string> {
  const texts: Record<number, string> = {};
  for (const i of indexes) {
    const size = Number(args[i + 1]);
    const text = vm.memory.string(Number(args[i]), Math.min(size, TRACED_TEXT_LIMIT));
    if (text !== undefined) texts[i] = size > TRACED_TEXT_LIMIT ? `${text}... (${size} bytes)` : text;
  }
  return texts;
}

function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * The per-call wrapper. Kept to fixed arities so the untraced path allocates nothing: a counter bump and, only
 * during start-up or allocation, an allow-list check. Self-gated functions do both themselves and go unwrapped.
 */
function gate(vm: Vm, def: HostFunction, where: string, fn: HostFn): HostFn {
  const startup = def.startup === true;
  const allocator = def.allocator === true;
  const selfGated = def.selfGated === true;
  if (vm.core.tracing) {
    const name = def.module === "env" ? def.name : where;
    const reportsStatus = def.module === "env" && def.result === "i";
    const textArguments = def.module === "env" ? TEXT_ARGUMENTS.get(def.name) : undefined;
    return (...args: Array<number | bigint>) => {
      // A self-gated function counts itself; the allow-list is still checked before the call is recorded.
      if (!selfGated) vm.enterHostCall(startup, allocator);
      else if (vm.restriction !== 0) vm.checkRestriction(startup, allocator);
      const event: Extract<TraceEvent, { type: "hostcall" }> = { type: "hostcall", name, args };
      if (textArguments !== undefined) event.texts = argumentTexts(vm, args, textArguments);
      vm.sink.trace.push(event);
      const result = fn(...args);
      if (result !== undefined) {
        event.result = result;
        if (reportsStatus) event.status = statusName(result);
      }
      return result;
    };
  }
  if (selfGated) return fn;
  const enter = (): void => vm.enterHostCall(startup, allocator);
  switch (def.params.length) {
    case 0:
      return () => (enter(), fn());
    case 1:
      return (a: unknown) => (enter(), fn(a));
    case 2:
      return (a: unknown, b: unknown) => (enter(), fn(a, b));
    case 3:
      return (a: unknown, b: unknown, c: unknown) => (enter(), fn(a, b, c));
    case 4:
      return (a: unknown, b: unknown, c: unknown, d: unknown) => (enter(), fn(a, b, c, d));
    case 5:
      return (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => (enter(), fn(a, b, c, d, e));
    default:
      return (...args: unknown[]) => (enter(), fn(...args));
  }
}
