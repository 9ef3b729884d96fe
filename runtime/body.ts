// Body phases (`on request_body`, `on response_body`): the body is held (StopIterationAndBuffer) until the end of
// the stream, then read once with proxy_get_buffer_bytes and the phase's rules decide over all of it. Only the
// stream's overflow mark is kept per stream (a stream flag, freed with the stream at proxy_on_delete).
import { proxy_get_buffer_bytes, ACTION_CONTINUE, ACTION_PAUSE, LOG_WARN } from "./abi";
import { Str, hostValue, HOST_RETURN, EMPTY, str, intText } from "./str";
import { logParts } from "./log";
import { metricIncrement } from "./metrics";
import { sendLocalResponse } from "./local-response";
import { streamResume, streamSetFlag } from "./streams";

/** The body is whole (end of stream, within maxBody): run the phase's rules. */
export const BODY_READY: i32 = -1;
/** A request body past maxBody, to be answered with 413 (bodyTooLarge): the callback returns as after a local reply. */
export const BODY_DENIED: i32 = -2;

/**
 * Stream flags of a body passed on unchanged past maxBody (onBodyOverflow `pass`): the top bits, far above the
 * request verdicts' bits, which count up from bit 1 (compiler/lower/request-verdicts.ts).
 */
const PASSED_REQUEST: u64 = 1 << 63;
const PASSED_RESPONSE: u64 = 1 << 62;

// Texts are functions: a module links their bytes only when it calls them.
function textPassed(): usize {
  return memory.data<u8>([32, 98, 121, 116, 101, 115, 32, 112, 97, 115, 116, 32, 109, 97, 120, 66, 111, 100, 121, 58, 32, 112, 97, 115, 115, 101, 100, 32, 117, 110, 99, 104, 97, 110, 103, 101, 100, 44, 32, 98, 111, 100, 121, 32, 114, 117, 108, 101, 115, 32, 110, 111, 116, 32, 97, 112, 112, 108, 105, 101, 100]);
}
function textRequest(): usize {
  return memory.data<u8>([114, 101, 113, 117, 101, 115, 116, 32, 98, 111, 100, 121, 32]);
}
function textResponse(): usize {
  return memory.data<u8>([114, 101, 115, 112, 111, 110, 115, 101, 32, 98, 111, 100, 121, 32]);
}
function textTooLarge(): usize {
  return memory.data<u8>([80, 97, 121, 108, 111, 97, 100, 32, 84, 111, 111, 32, 76, 97, 114, 103, 101]);
}
function textTooLargeDetails(): usize {
  return memory.data<u8>([102, 105, 108, 116, 101, 114, 99, 95, 98, 111, 100, 121, 95, 116, 111, 111, 95, 108, 97, 114, 103, 101]);
}

/**
 * What a body callback does with the chunk the host reports: `size` is the body held so far (Envoy adds each chunk
 * to the buffered body before calling the filter while it returns StopIterationAndBuffer: decodeData/encodeData in
 * source/common/http/filter_manager.cc). Returns ACTION_PAUSE (StopIterationAndBuffer: keep holding),
 * ACTION_CONTINUE (let it go: passed past maxBody earlier or now), BODY_DENIED, or BODY_READY at the end of a body
 * within `maxBody`. `bufferType` is 0 for the request body, 1 for the response body. `overflowMetric` is the
 * body_overflow counter of this direction and outcome, counted once per stream: a denied stream ends, a passed one
 * is marked and returns above from then on.
 */
export function bodyHold(ctx: u32, bufferType: u32, size: u32, endOfStream: u32, maxBody: u32, denyOverflow: bool, overflowMetric: u32): i32 {
  const passed = bufferType == 0 ? PASSED_REQUEST : PASSED_RESPONSE;
  // Only a stream that overflowed has the mark; the lookup is a probe of the stream table.
  if ((streamResume(ctx) & passed) != 0) return <i32>ACTION_CONTINUE;
  if (size > maxBody) {
    metricIncrement(overflowMetric);
    // The callback sends the 413 (bodyTooLarge), after the `on local_reply` rules like any reply of the filter.
    if (denyOverflow) return BODY_DENIED;
    // Released unchanged: the rules of this phase do not act on this stream (a warn log says so).
    logParts(LOG_WARN, bufferType == 0 ? str(textRequest(), 13) : str(textResponse(), 14), intText(<i64>size), str(textPassed(), 61));
    if (endOfStream == 0) streamSetFlag(ctx, passed);
    return <i32>ACTION_CONTINUE;
  }
  return endOfStream != 0 ? BODY_READY : <i32>ACTION_PAUSE;
}

/** The 413 of a request body past maxBody, with `headers` (NO_HEADERS, or the list the local_reply rules made). */
export function bodyTooLarge(headers: Str): void {
  sendLocalResponse(413, str(textTooLarge(), 17), str(textTooLargeDetails(), 22), headers);
}

/** The whole held body (read once, at the end of the stream), in the arena until the callback returns. */
export function bodyRead(bufferType: u32, size: u32): Str {
  if (size == 0) return EMPTY;
  return hostValue(proxy_get_buffer_bytes(bufferType, 0, size, HOST_RETURN, HOST_RETURN + 4));
}
