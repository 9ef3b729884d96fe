// bench/body-scan.ts's rules by hand: the request body held to its end, read once, and searched for the first
// `count` of its patterns one after another (`contains` joined by `or`, each a scan for the pattern's first byte
// and a compare there), refused with 403 on a match; the same host calls. The entries are body-scan-1.as.ts and
// body-scan-10.as.ts.
import { BUFFER_REQUEST_BODY, CONTINUE, STOP_ITERATION_AND_BUFFER } from "./abi.as";
import { ABSENT, Bytes, contains } from "./bytes.as";
import { heldBody } from "./held-body.as";
import { resetArena } from "./memory.as";
import { NOTHING, sendLocal } from "./reply.as";

const DETAILS: Bytes = lit("filterc_scan");

/** BODY_SCAN_PATTERNS in bench/body-scan.ts, in order. */
function pattern(i: u32): Bytes {
  switch (i) {
    case 0: return lit("<script");
    case 1: return lit("UNION SELECT");
    case 2: return lit("../../");
    case 3: return lit("/etc/passwd");
    case 4: return lit("javascript:");
    case 5: return lit("onerror=");
    case 6: return lit("eval(");
    case 7: return lit("base64_decode(");
    case 8: return lit("cmd.exe");
    default: return lit("DROP TABLE");
  }
}

export function scanRequestBody(bodySize: u32, endOfStream: u32, count: u32): u32 {
  const body = heldBody(BUFFER_REQUEST_BODY, bodySize, endOfStream);
  if (body == ABSENT) return STOP_ITERATION_AND_BUFFER;
  for (let i: u32 = 0; i < count; i++) {
    if (contains(body, pattern(i))) return sendLocal(403, NOTHING, DETAILS, NOTHING);
  }
  resetArena();
  return CONTINUE;
}
