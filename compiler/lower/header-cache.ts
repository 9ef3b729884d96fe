import type { CacheSlot } from "../ir/passes/header-cache.js";
import { HEADER_MAPS, type Side } from "../phases.js";
import type { StaticData } from "./static-data.js";

interface Slot extends CacheSlot {
  /** The expression that fetches the value from the host. */
  readonly fetch: string;
}

/**
 * Each header (and string property) a callback reads is fetched from the host once and kept until a rule writes it: host calls dominate
 * a filter's per-request cost. Writes are lowered to HeaderChanged statements, which the header cache pass turns
 * into invalidations once every read is known.
 */
export class HeaderCache {
  private readonly slots = new Map<string, Slot>();
  /** The read expressions handed out, by their code. */
  private readonly reads = new Map<string, Slot>();

  constructor(private readonly data: StaticData) {}

  /** An expression reading header `name` of `map` through the cache. */
  read(map: Side, name: string): string {
    return this.slot(map, name, `getHeader(${HEADER_MAPS[map]}, ${this.data.text(name)})`);
  }

  /** An expression reading a string property (`getProperty` or `getAddressProperty`) once per callback. */
  readProperty(reader: "getProperty" | "getAddressProperty", path: string): string {
    return this.slot("property", `${reader} ${path}`, `${reader}(${this.data.text(path)})`);
  }

  private slot(map: Slot["map"], name: string, fetch: string): string {
    const key = `${map}:${name}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { index: this.slots.size, map, name, fetch };
      this.slots.set(key, slot);
      this.reads.set(`header${slot.index}()`, slot);
    }
    return `header${slot.index}()`;
  }

  /** The slot that `code`, if it is a read this cache handed out, reads. */
  slotRead(code: string): number | undefined {
    return this.reads.get(code)?.index;
  }

  /** Every slot handed out, for the header cache pass (ir/passes/header-cache.ts). */
  slotList(): CacheSlot[] {
    return [...this.slots.values()];
  }

  declarations(): string[] {
    const out: string[] = [];
    for (const slot of this.slots.values()) {
      out.push(`let HC${slot.index}: Str = UNREAD;`);
      out.push(`function header${slot.index}(): Str {`);
      out.push(`  if (HC${slot.index} == UNREAD) HC${slot.index} = ${slot.fetch};`);
      out.push(`  return HC${slot.index};`);
      out.push("}");
    }
    return out;
  }
}
