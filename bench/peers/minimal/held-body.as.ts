// A body held to its end and read once, as filterc's body phases do (docs/language.md, "Holding the body"): each
// chunk is answered with StopIterationAndBuffer, so Envoy adds it to the buffered body (decodeData/encodeData in
// source/common/http/filter_manager.cc), and at the end the whole body is one proxy_get_buffer_bytes.
import { proxy_get_buffer_bytes, STATUS_OK } from "./abi.as";
import { ABSENT, Bytes, bytes } from "./bytes.as";

const out = memory.data(8);
const EMPTY_BODY: Bytes = 0;

/** The whole body (in the arena until the callback returns), or ABSENT while it is still arriving. */
export function heldBody(bufferType: u32, bodySize: u32, endOfStream: u32): Bytes {
  if (endOfStream == 0) return ABSENT;
  if (bodySize == 0) return EMPTY_BODY;
  if (proxy_get_buffer_bytes(bufferType, 0, bodySize, out, out + 4) != STATUS_OK) return ABSENT;
  return bytes(<usize>load<u32>(out), <usize>load<u32>(out + 4));
}
