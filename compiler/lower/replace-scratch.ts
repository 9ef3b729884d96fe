import type { LowerContext } from "./context.js";

/**
 * The static scratch area `replace matches` runs its group programs in (runtime/body-replace.ts), sized for the
 * largest. Apart from match-groups.ts's MATCH_SCRATCH: a rule may read `match[N]` of its condition after a
 * `replace matches`, whose searches must not overwrite those groups. A program without `replace matches` has none.
 */
export const REPLACE_SCRATCH = "REPLACE_SCRATCH";

const scratchBytes = new WeakMap<LowerContext, number>();

/** The scratch's name, grown to hold `bytes`. */
export function replaceScratch(ctx: LowerContext, bytes: number): string {
  scratchBytes.set(ctx, Math.max(scratchBytes.get(ctx) ?? 0, bytes));
  return REPLACE_SCRATCH;
}

/** The declaration of the scratch area, when a rule has a `replace matches`. */
export function replaceScratchDeclarations(ctx: LowerContext): string[] {
  const bytes = scratchBytes.get(ctx) ?? 0;
  return bytes === 0 ? [] : [`const ${REPLACE_SCRATCH} = memory.data(${bytes}, 16);`];
}
