// The host name of `:authority`, as filterc's request.hostname reads it.
import { Bytes, bytes, lenOf, ptrOf } from "./bytes.as";
import { arenaAlloc } from "./memory.as";

/** `:authority` without its port (Envoy's parseAuthority), lower-cased into the arena. */
export function hostname(authority: Bytes): Bytes {
  const p = ptrOf(authority);
  let n = lenOf(authority);
  if (n > 0 && load<u8>(p + n - 1) != 93) {
    let colon = n;
    while (colon > 0 && load<u8>(p + colon - 1) != 58) colon--;
    if (colon > 0 && colon < n && n - colon <= 5) {
      let port: u32 = 0;
      let digits = true;
      for (let i = colon; i < n; i++) {
        const d = <u32>load<u8>(p + i) - 48;
        if (d > 9) digits = false;
        else port = port * 10 + d;
      }
      if (digits && port <= 65535) n = colon - 1;
    }
  }
  const out = arenaAlloc(n);
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    store<u8>(out + i, <u8>(c - 65 < 26 ? c + 32 : c));
  }
  return bytes(out, n);
}
