import type { Side } from "../../phases.js";
import type { CacheUpdate, ResolvedStatement, Statement } from "../statements.js";

/** A value a callback reads from the host once and keeps (compiler/lower/header-cache.ts hands them out). */
export interface CacheSlot {
  readonly index: number;
  /** Headers belong to a side's map; properties cannot be written by rules. */
  readonly map: Side | "property";
  readonly name: string;
}

/** The runtime's marker of a slot not read since the callback began (or since a rule wrote its header). */
export const UNREAD = "UNREAD";

/**
 * Turns each HeaderChanged into the updates of the cache slots it concerns: a written header's slot is forgotten
 * (or set, when the new value is a constant), and so are the test sets computed from it (`staleSets`). Runs once
 * every read of the program is known, so the order in which rules were lowered does not matter.
 */
export function resolveHeaderChanges(statements: readonly Statement[], slots: readonly CacheSlot[], staleSets: (slot: number) => readonly number[]): ResolvedStatement[] {
  return statements.map((statement): ResolvedStatement => {
    if (statement.kind === "Branches") {
      const arms = statement.arms.map((arm) => ({ ...arm, actions: arm.actions.map((action) => resolveHeaderChanges(action, slots, staleSets)) }));
      return { kind: "Branches", arms };
    }
    if (statement.kind !== "HeaderChanged") return statement;
    const { side, match } = statement;
    const hit = slots.filter((slot) => slot.map === side && (match.kind === "name" ? slot.name === match.value : slot.name.startsWith(match.value)));
    const update: CacheUpdate = {
      kind: "CacheUpdate",
      assignments: hit.map((slot) => ({ slot: slot.index, value: statement.value ?? UNREAD, staleSets: staleSets(slot.index) })),
    };
    return update;
  });
}

/** The update that forgets every slot of `side` and every property: the start of a callback of that side. */
export function resetSlots(side: Side, slots: readonly CacheSlot[]): CacheUpdate {
  return { kind: "CacheUpdate", assignments: slots.filter((slot) => slot.map === side || slot.map === "property").map((slot) => ({ slot: slot.index, value: UNREAD, staleSets: [] })) };
}
