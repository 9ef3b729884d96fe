/**
 * The shape of one host function definition. Each group file (log, headers, buffers, ...) exports a list of these;
 * the linker (imports/link.ts) picks the ones a module imports, checks signatures like cpp-host, and wraps them.
 */

import type { AbiVersion } from "../abi.js";
import type { Vm } from "../vm.js";

// Wasm passes i32 as number and i64 as bigint; each implementation declares its own precise parameters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HostFn = (...args: any[]) => number | void;

export interface HostFunction {
  /** "wasi" registers the function under both wasi_snapshot_preview1 and wasi_unstable. */
  readonly module: "env" | "wasi";
  readonly name: string;
  /** One letter per parameter: "i" i32, "I" i64. */
  readonly params: string;
  /** "i" for an i32 result, "" for none. */
  readonly result: "i" | "";
  /** Callable while _initialize/_start/main run (cpp-host's start-up allow-list). */
  readonly startup?: boolean;
  /** Callable while the host runs the guest allocator to hand it a buffer. */
  readonly allocator?: boolean;
  /**
   * The function does the gate's work itself, first thing: `vm.enterHostCall(startup, allocator)` with its own
   * flags. The linker then hands it to the module unwrapped (when not tracing): the shared wrapper's call into
   * the function sees every host function and cannot be inlined, which cost the hot host calls ~6 ns each.
   */
  readonly selfGated?: boolean;
  /** Registered only for these ABI versions (all when absent). */
  readonly abi?: readonly AbiVersion[];
  readonly make: (vm: Vm) => HostFn;
}

export const ABI_02: readonly AbiVersion[] = ["0.2.0", "0.2.1"];
