// `+ - * / %` on the language's 64-bit ints (docs/language.md, Arithmetic). An absent operand gives an absent
// result, and so does a division or remainder by zero. Overflow wraps (two's complement, as wasm's i64 does).
// ABSENT_INT is i64.MIN_VALUE, so the one result that wraps onto it reads as absent: the documented price of an
// int that fits a register with no flag beside it.
import { ABSENT_INT } from "./str";

@inline export function intAdd(a: i64, b: i64): i64 {
  return a == ABSENT_INT || b == ABSENT_INT ? ABSENT_INT : a + b;
}

@inline export function intSub(a: i64, b: i64): i64 {
  return a == ABSENT_INT || b == ABSENT_INT ? ABSENT_INT : a - b;
}

@inline export function intMul(a: i64, b: i64): i64 {
  return a == ABSENT_INT || b == ABSENT_INT ? ABSENT_INT : a * b;
}

/**
 * Truncates toward zero (`-7 / 2` is -3). i64.div_s traps only on a zero divisor and on MIN_VALUE / -1; the first
 * is absent by definition and MIN_VALUE is ABSENT_INT, which never gets that far.
 */
export function intDiv(a: i64, b: i64): i64 {
  return a == ABSENT_INT || b == ABSENT_INT || b == 0 ? ABSENT_INT : a / b;
}

/** The remainder has the sign of the dividend (`-7 % 2` is -1), as `/` truncates. */
export function intRem(a: i64, b: i64): i64 {
  return a == ABSENT_INT || b == ABSENT_INT || b == 0 ? ABSENT_INT : a % b;
}
