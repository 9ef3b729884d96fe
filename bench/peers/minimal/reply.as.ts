// Local replies for the hand-written peers: send one and end the callback, and a one-header list to send with it.
import { STOP_ITERATION, proxy_send_local_response } from "./abi.as";
import { Bytes, bytes, lenOf, ptrOf, put } from "./bytes.as";
import { arenaAlloc, resetArena } from "./memory.as";

export const NOTHING: Bytes = 0;

export function sendLocal(status: u32, body: Bytes, details: Bytes, headers: Bytes): u32 {
  proxy_send_local_response(status, ptrOf(details), lenOf(details), ptrOf(body), lenOf(body), ptrOf(headers), lenOf(headers), -1);
  resetArena();
  return STOP_ITERATION;
}

/** `name: value` in the pairs format (count, key and value sizes, then "key\0value\0"), in the arena. */
export function oneHeader(name: Bytes, value: Bytes): Bytes {
  const size: usize = 12 + lenOf(name) + 1 + lenOf(value) + 1;
  const list = arenaAlloc(size);
  store<u32>(list, 1);
  store<u32>(list + 4, <u32>lenOf(name));
  store<u32>(list + 8, <u32>lenOf(value));
  let w = put(list + 12, name);
  store<u8>(w++, 0);
  w = put(w, value);
  store<u8>(w, 0);
  return bytes(list, size);
}
