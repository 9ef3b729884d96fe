import { ByteSet } from "./byteset.js";

/** The byte sets behind `\d \w \s` (ASCII, as in RE2) and `.`; the upper-case escapes are their complements. */
export const DIGIT = ByteSet.range(0x30, 0x39);
export const WORD = ByteSet.range(0x30, 0x39).addRange(0x41, 0x5a).addRange(0x61, 0x7a).add(0x5f);
/** RE2's `\s`: tab, newline, form feed, carriage return, space (no vertical tab). */
export const SPACE = ByteSet.of(0x09, 0x0a, 0x0c, 0x0d, 0x20);
/** `.` is any byte except newline; there is no dot-all flag. */
export const DOT = ByteSet.of(0x0a).complement();

/** The set for a class escape letter, or undefined when the letter is not one. */
export function classEscape(letter: string): ByteSet | undefined {
  switch (letter) {
    case "d":
      return DIGIT;
    case "w":
      return WORD;
    case "s":
      return SPACE;
    case "D":
      return DIGIT.complement();
    case "W":
      return WORD.complement();
    case "S":
      return SPACE.complement();
    default:
      return undefined;
  }
}

/** The byte for a control escape letter (`\n \t \r \f \v`), or undefined. */
export function controlEscape(letter: string): number | undefined {
  switch (letter) {
    case "n":
      return 0x0a;
    case "t":
      return 0x09;
    case "r":
      return 0x0d;
    case "f":
      return 0x0c;
    case "v":
      return 0x0b;
    default:
      return undefined;
  }
}

/** ASCII punctuation: escaping any of these means the character itself (as in RE2). */
export function isAsciiPunctuation(c: string): boolean {
  return /^[!-/:-@[-`{-~]$/.test(c);
}
