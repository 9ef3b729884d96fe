// Cookies for the hand-written peers: the value of a named cookie in a Cookie header.
import { ABSENT, Bytes, bytes, equals, lenOf, ptrOf } from "./bytes.as";

/** The value of the first cookie called `name` in a Cookie header ("a=1; b=2"), or ABSENT. */
export function cookieValue(header: Bytes, name: Bytes): Bytes {
  if (header == ABSENT) return ABSENT;
  const p = ptrOf(header);
  const n = lenOf(header);
  let i: usize = 0;
  while (i < n) {
    while (i < n && load<u8>(p + i) == 32) i++;
    let end = i;
    while (end < n && load<u8>(p + end) != 59) end++;
    let eq = i;
    while (eq < end && load<u8>(p + eq) != 61) eq++;
    if (eq < end && equals(bytes(p + i, eq - i), name)) return bytes(p + eq + 1, end - eq - 1);
    i = end + 1;
  }
  return ABSENT;
}
