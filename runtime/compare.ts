// Comparisons where a missing value is false (and `!=` true), as the language defines.
import { ABSENT, ABSENT_INT, Str, strPtr, strLen } from "./str";
import { ipInTable } from "./net";
import { regexMatch } from "./regex";

export function intEq(a: i64, b: i64): bool {
  return a != ABSENT_INT && b != ABSENT_INT && a == b;
}
export function intNe(a: i64, b: i64): bool {
  return !intEq(a, b);
}
export function intLt(a: i64, b: i64): bool {
  return a != ABSENT_INT && b != ABSENT_INT && a < b;
}
export function intLe(a: i64, b: i64): bool {
  return a != ABSENT_INT && b != ABSENT_INT && a <= b;
}
export function intGt(a: i64, b: i64): bool {
  return a != ABSENT_INT && b != ABSENT_INT && a > b;
}
export function intGe(a: i64, b: i64): bool {
  return a != ABSENT_INT && b != ABSENT_INT && a >= b;
}

/** `s matches REGEX` over a table the compiler placed in static memory. */
export function strMatches(s: Str, table: usize): bool {
  return s != ABSENT && regexMatch(table, strPtr(s), <i32>strLen(s));
}

/** `source.address in [...]` over an address table (u32 count, then 17-byte entries). */
export function ipInList(s: Str, table: usize): bool {
  return ipInTable(s, table + 4, <i32>load<u32>(table));
}
