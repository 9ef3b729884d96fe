// Reading from the host: header values and properties come back in arena memory (the host calls `malloc`).
import { proxy_get_header_map_value, proxy_get_property, proxy_replace_header_map_value, STATUS_OK } from "./abi.as";
import { ABSENT, Bytes, bytes, lenOf, ptrOf } from "./bytes.as";

const out = memory.data(8);

export function getHeader(map: u32, key: Bytes): Bytes {
  if (proxy_get_header_map_value(map, ptrOf(key), lenOf(key), out, out + 4) != STATUS_OK) return ABSENT;
  return bytes(<usize>load<u32>(out), <usize>load<u32>(out + 4));
}

export function replaceHeader(map: u32, key: Bytes, value: Bytes): void {
  proxy_replace_header_map_value(map, ptrOf(key), lenOf(key), ptrOf(value), lenOf(value));
}

export function getProperty(path: Bytes): Bytes {
  if (proxy_get_property(ptrOf(path), lenOf(path), out, out + 4) != STATUS_OK) return ABSENT;
  return bytes(<usize>load<u32>(out), <usize>load<u32>(out + 4));
}
