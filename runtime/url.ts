// Query parameters and cookies, read from `:path` and `cookie` without copying unless decoding is needed.
import { arenaAlloc } from "./memory";
import { ABSENT, Str, str, strLen, strPtr, bytesEqual, hexDigit } from "./str";

/** The URL-decoded first value of query parameter `key` in `path`, or ABSENT. */
export function queryParam(path: Str, key: Str): Str {
  // ABSENT has no bytes: no parameter is found.
  const p = strPtr(path);
  const len = strLen(path);
  let i: usize = 0;
  // A `?` after `#` is part of the fragment, not the start of a query.
  while (i < len && load<u8>(p + i) != 63) {
    if (load<u8>(p + i) == 35) return ABSENT; // '#'
    i++;
  }
  i++;
  while (i < len) {
    let end = i;
    while (end < len && load<u8>(p + end) != 38 && load<u8>(p + end) != 35) end++; // '&', '#'
    let eq = i;
    while (eq < end && load<u8>(p + eq) != 61) eq++;
    if (decodedEquals(p + i, eq - i, key)) {
      return eq < end ? urlDecode(p + eq + 1, end - eq - 1) : str(p + end, 0);
    }
    if (end < len && load<u8>(p + end) == 35) break;
    i = end + 1;
  }
  return ABSENT;
}

function needsDecoding(p: usize, len: usize): bool {
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 37 || c == 43) return true;
  }
  return false;
}

/** Decodes %XX and '+' (space); a malformed escape is kept as written. */
function urlDecode(p: usize, len: usize): Str {
  if (!needsDecoding(p, len)) return str(p, len);
  const dst = arenaAlloc(len);
  let w: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 43) {
      store<u8>(dst + w++, 32);
    } else if (c == 37 && i + 2 < len) {
      const hi = hexDigit(load<u8>(p + i + 1));
      const lo = hexDigit(load<u8>(p + i + 2));
      if ((hi | lo) < 16) {
        store<u8>(dst + w++, <u8>((hi << 4) | lo));
        i += 2;
      } else {
        store<u8>(dst + w++, c);
      }
    } else {
      store<u8>(dst + w++, c);
    }
  }
  return str(dst, w);
}

/** Whether the `len` bytes at `p`, URL-decoded, are `key`: how query parameter names are matched. */
export function decodedEquals(p: usize, len: usize, key: Str): bool {
  if (!needsDecoding(p, len)) return len == strLen(key) && bytesEqual(p, strPtr(key), len);
  const decoded = urlDecode(p, len);
  return strLen(decoded) == strLen(key) && bytesEqual(strPtr(decoded), strPtr(key), strLen(key));
}

/** The value of the first cookie named `name` in a `cookie` header value, or ABSENT. */
export function cookieValue(header: Str, name: Str): Str {
  // ABSENT has no bytes: no cookie is found.
  const n = strLen(name);
  const end = strPtr(header) + strLen(header);
  // Pointers, not indexes: each pair runs from `i` to its ';' (or the end) at `stop`.
  for (let i = strPtr(header); i < end; i++) {
    const c = load<u8>(i);
    if (c == 32 || c == 59) continue;
    let stop = i;
    while (stop < end && load<u8>(stop) != 59) stop++;
    if (stop - i > n && load<u8>(i + n) == 61 && bytesEqual(i, strPtr(name), n)) {
      let start = i + n + 1;
      while (stop > start && load<u8>(stop - 1) == 32) stop--;
      if (stop - start >= 2 && load<u8>(start) == 34 && load<u8>(stop - 1) == 34) {
        start++;
        stop--;
      }
      return str(start, stop - start);
    }
    i = stop;
  }
  return ABSENT;
}
