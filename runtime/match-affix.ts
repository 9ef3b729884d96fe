// AssemblyScript: `match[N]` of the patterns compiler/regex/affix-groups.ts recognises (`^/old/(.*)$`,
// `^([a-z0-9-]+)[.]shop[.]example$`), where the program format is documented. A prefix and a suffix comparison
// and one loop over the bytes between, each tested against the class: no state machine, nothing allocated. It
// leaves what matchGroupsOnePass would leave in the scratch area (runtime/match-groups.ts, offsets 0 to 31), so
// matchGroup reads the groups the same way, and it answers whether the pattern matches, so it may stand for the
// rule's `matches` as the one-pass program does.
import { ABSENT, Str, bytesEqual, strLen, strPtr } from "./str";

// @ts-ignore: decorator
@inline const AFFIX_HEADER: usize = 40;

/** Whether `subject` matches the affix pattern `program`; its groups 0 and 1 go to `scratch`. */
export function matchGroupsAffix(subject: Str, program: usize, scratch: usize): bool {
  store<u64>(scratch, subject);
  store<i32>(scratch, 0, 8);
  // An absent value matches nothing, as in strMatches.
  if (subject == ABSENT) return false;
  const prefix = <usize>load<u16>(program);
  const suffix = <usize>load<u16>(program, 2);
  const min = <usize>load<u16>(program, 4);
  const anchoredEnd = load<u16>(program, 6) != 0;
  const input = strPtr(subject);
  const length = strLen(subject);
  if (length < prefix + suffix + min) return false;
  const literals = program + AFFIX_HEADER;
  if (!bytesEqual(input, literals, prefix)) return false;
  if (!bytesEqual(input + length - suffix, literals + prefix, suffix)) return false;
  const set = program + 8;
  const limit = length - suffix;
  let end = prefix;
  while (end < limit) {
    const byte = <u32>load<u8>(input + end);
    if (((<u32>load<u8>(set + <usize>(byte >> 3)) >> (byte & 7)) & 1) == 0) break;
    end++;
  }
  // With `$` every byte between the literals must be in the class; without, the group is the longest run.
  if ((anchoredEnd && end != limit) || end - prefix < min) return false;
  store<i32>(scratch, 0, 16);
  store<i32>(scratch, <i32>(anchoredEnd ? length : end), 20);
  store<i32>(scratch, <i32>prefix, 24);
  store<i32>(scratch, <i32>end, 28);
  store<i32>(scratch, 1, 8);
  return true;
}
