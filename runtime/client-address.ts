// `client.address`: the `x-forwarded-for` entry `hops` from the right, as Envoy's
// Http::Utility::getLastAddressFromXFF (source/common/http/utility.cc) picks it for xff_num_trusted_hops: entries
// are separated by `,` and trimmed of spaces and tabs; an entry that is not an IP address, or fewer entries than
// hops, gives no address. (Zero hops is the peer address: the generated code reads source.address instead.)
import { ABSENT, Str, str, strLen, strPtr } from "./str";
import { parseIp } from "./net";

const scratch = memory.data(16);

/** The address text `hops` (1 or more) entries from the right of `xff`, or ABSENT. */
export function clientAddress(xff: Str, hops: i64): Str {
  if (xff == ABSENT || hops < 1) return ABSENT;
  const p = strPtr(xff);
  let end = p + strLen(xff);
  while (true) {
    let start = end;
    while (start > p && load<u8>(start - 1) != 44) start--;
    if (--hops == 0) {
      let last = end;
      while (start < last && isBlank(load<u8>(start))) start++;
      while (last > start && isBlank(load<u8>(last - 1))) last--;
      return parseIp(start, last - start, scratch) != 0 ? str(start, last - start) : ABSENT;
    }
    // No `,` left: fewer entries than hops.
    if (start == p) return ABSENT;
    end = start - 1;
  }
}

// @ts-ignore: decorator
@inline function isBlank(c: u8): bool {
  return c == 32 || c == 9;
}
