// A minimal filter for the endurance test: traps when the request carries x-trap, tags every response otherwise.

import { addHeader, getHeader } from "./abi";

export { proxy_abi_version_0_2_1, proxy_on_memory_allocate } from "./abi";

export function proxy_on_request_headers(ctx: u32, headers: u32, eos: u32): u32 {
  if (getHeader(0, "x-trap") != null) unreachable();
  return 0;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, eos: u32): u32 {
  addHeader(2, "x-ok", "1");
  return 0;
}
