/**
 * proxy_get/set_shared_data: a key-value store per VM id with compare-and-swap, like cpp-host's process-wide
 * SharedData (proxy-wasm-cpp-host src/shared_data.cc, SharedData::set): a non-zero cas that differs from the stored
 * one is CasMismatch and stores nothing; cas 0, or a key not stored yet, stores unconditionally. CAS values start at
 * 1 and skip 0, because a cas of 0 in set means "no check".
 */

import { Status } from "./abi.js";

export interface SharedValue {
  readonly value: Uint8Array;
  readonly cas: number;
}

export class SharedData {
  private readonly byVm = new Map<string, Map<string, SharedValue>>();
  private nextCas = 1;
  /**
   * Tests: called before a set with a non-zero cas on a stored key is decided, to play another worker writing the
   * key between this one's get and set (then the set finds a new cas and mismatches).
   */
  beforeCheckedSet?: (vmId: string, key: string) => void;

  get(vmId: string, key: string): SharedValue | undefined {
    return this.byVm.get(vmId)?.get(key);
  }

  /** The keys stored for `vmId`: what a filter keeps in shared data (tests bound it). */
  keys(vmId: string): string[] {
    return [...(this.byVm.get(vmId)?.keys() ?? [])];
  }

  set(vmId: string, key: string, value: Uint8Array, cas: number): number {
    let map = this.byVm.get(vmId);
    if (map === undefined) {
      map = new Map();
      this.byVm.set(vmId, map);
    }
    if (cas !== 0 && map.has(key)) this.beforeCheckedSet?.(vmId, key);
    const existing = map.get(key);
    if (existing !== undefined && cas !== 0 && cas !== existing.cas) return Status.CasMismatch;
    map.set(key, { value, cas: this.takeCas() });
    return Status.Ok;
  }

  private takeCas(): number {
    const cas = this.nextCas;
    this.nextCas = (this.nextCas + 1) >>> 0 || 1;
    return cas;
  }
}
