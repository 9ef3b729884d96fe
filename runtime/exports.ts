// Exports every filter has. The generated entry file re-exports these next to its own callbacks.
import { arenaAlloc } from "./memory";

/** The ABI marker Envoy looks for; never called. */
export function proxy_abi_version_0_2_1(): void {}

/** The allocator the host calls to hand us buffers: they live in the arena until the callback returns. */
export function malloc(size: usize): usize {
  return arenaAlloc(size);
}
