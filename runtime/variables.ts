// Request-scoped variables (`let`) of int and bool type, kept across the phases of a stream. A variable lives in a
// global of the generated module during a callback; one that a later side reads is captured at the end of the
// request phase with the stream's other captures (captures.ts), which keep text. An int (a bool as 0 or 1) is
// kept as its 8 bytes, so that every value, absent included, comes back as it was.
import { arenaAlloc } from "./memory";
import { ABSENT, ABSENT_INT, Str, str, strLen, strPtr } from "./str";

/** An int as the 8 bytes captureSet copies: ABSENT when it is absent. */
export function intKept(value: i64): Str {
  if (value == ABSENT_INT) return ABSENT;
  const at = arenaAlloc(8);
  store<i64>(at, value);
  return str(at, 8);
}

/** The int intKept made, from a captured value; absent when the stream kept none. */
export function intResumed(kept: Str): i64 {
  if (kept == ABSENT || strLen(kept) != 8) return ABSENT_INT;
  return load<i64>(strPtr(kept));
}
