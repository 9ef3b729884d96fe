import type { StaticData } from "./static-data.js";

export type MapName = "request" | "response";

interface Slot {
  readonly index: number;
  /** Headers belong to a map; properties (`property`) cannot be written by rules. */
  readonly map: MapName | "property";
  readonly name: string;
  /** The expression that fetches the value from the host. */
  readonly fetch: string;
}

const MAP_CONSTANT: Record<MapName, string> = { request: "MAP_REQUEST_HEADERS", response: "MAP_RESPONSE_HEADERS" };

/**
 * Each header (and string property) a callback reads is fetched from the host once and kept until a rule writes it: host calls dominate
 * a filter's per-request cost. Writes are lowered to placeholders that `resolve` turns into invalidations once
 * every read is known, so the order in which rules are lowered does not matter.
 */
export class HeaderCache {
  private readonly slots = new Map<string, Slot>();
  /** The read expressions handed out, by their code. */
  private readonly reads = new Map<string, Slot>();

  constructor(private readonly data: StaticData) {}

  /** An expression reading header `name` of `map` through the cache. */
  read(map: MapName, name: string): string {
    return this.slot(map, name, `getHeader(${MAP_CONSTANT[map]}, ${this.data.text(name)})`);
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

  /** A statement placeholder: header `name` of `map` was written. */
  written(map: MapName, name: string): string {
    return `/*filterc:invalidate ${map} ${JSON.stringify(name)}*/`;
  }

  /** A statement placeholder: header `name` of `map` now holds exactly `value` (a constant `Str` expression). */
  writtenConstant(map: MapName, name: string, value: string): string {
    return `/*filterc:set ${map} ${JSON.stringify(name)} ${JSON.stringify(value)}*/`;
  }

  /** A statement placeholder: every header of `map` starting with `prefix` may have been removed. */
  writtenPrefix(map: MapName, prefix: string): string {
    return `/*filterc:invalidate-prefix ${map} ${JSON.stringify(prefix)}*/`;
  }

  /** Statements that forget every cached header of `map`, for the start of its callback. */
  reset(map: MapName): string {
    return `/*filterc:reset ${map}*/`;
  }

  /**
   * Replaces the placeholders in generated code. `written(slot)` gives statements that must run when a rule changes
   * a cached header (results derived from it, such as test sets).
   */
  resolve(code: string, written: (slot: number) => string = () => ""): string {
    const assign = (slot: Slot, value: string) => [`HC${slot.index} = ${value};`, written(slot.index)].filter((s) => s !== "").join(" ");
    code = code.replace(/\/\*filterc:set (request|response) ("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*")\*\//g, (_all, map: MapName, name: string, value: string) => {
      const slot = this.slots.get(`${map}:${JSON.parse(name) as string}`);
      return slot === undefined ? "" : assign(slot, JSON.parse(value) as string);
    });
    return code.replace(/\/\*filterc:(invalidate|invalidate-prefix|reset) (request|response)(?: ("(?:[^"\\]|\\.)*"))?\*\//g, (_all, kind: string, map: MapName, arg?: string) => {
      const value = arg === undefined ? "" : (JSON.parse(arg) as string);
      const hit = [...this.slots.values()].filter((s) =>
        kind === "reset" ? s.map === map || s.map === "property" : s.map === map && (kind === "invalidate" ? s.name === value : s.name.startsWith(value)),
      );
      return hit.map((s) => (kind === "reset" ? `HC${s.index} = UNREAD;` : assign(s, "UNREAD"))).join(" ");
    });
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
