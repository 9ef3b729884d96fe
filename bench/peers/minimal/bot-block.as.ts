// examples/bot-block.fw by hand, with the param's default as a constant: the five agents searched for one by one
// (a short list needs no automaton), the log line escaped as filterc escapes it, the same host calls.
import { CONTINUE, LOG_INFO, MAP_REQUEST_HEADERS, proxy_log } from "./abi.as";
import { ABSENT, Bytes, contains, endsWith, lenOf, put, putLogEscaped } from "./bytes.as";
import { getHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { NOTHING, sendLocal } from "./reply.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const USER_AGENT: Bytes = lit("user-agent");
const AUTHORITY: Bytes = lit(":authority");
const CURL: Bytes = lit("curl/");
const PYTHON_REQUESTS: Bytes = lit("python-requests/");
const GO_HTTP_CLIENT: Bytes = lit("Go-http-client/");
const SCRAPY: Bytes = lit("Scrapy/");
const SQLMAP: Bytes = lit("sqlmap/");
const REFUSED: Bytes = lit("refused user agent ");
const NOT_ALLOWED: Bytes = lit("automated clients are not allowed\n");
const BOTS_DETAILS: Bytes = lit("filterc_block-bots");
const INTERNAL: Bytes = lit(".internal");
const CLUSTER_LOCAL: Bytes = lit(".svc.cluster.local");
const INTERNAL_DETAILS: Bytes = lit("filterc_internal-hosts");

function isBot(agent: Bytes): bool {
  return contains(agent, CURL) || contains(agent, PYTHON_REQUESTS) || contains(agent, GO_HTTP_CLIENT) || contains(agent, SCRAPY) || contains(agent, SQLMAP);
}

/** The log line with CR, LF and NUL written as `\r`, `\n` and `\0`, as filterc's log lines are. */
function logRefused(agent: Bytes): void {
  const line = arenaAlloc(lenOf(REFUSED) + 2 * lenOf(agent));
  const end = putLogEscaped(put(line, REFUSED), agent);
  proxy_log(LOG_INFO, line, end - line);
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const agent = getHeader(MAP_REQUEST_HEADERS, USER_AGENT);
  if (agent != ABSENT && isBot(agent)) {
    logRefused(agent);
    return sendLocal(403, NOT_ALLOWED, BOTS_DETAILS, NOTHING);
  }
  const host = getHeader(MAP_REQUEST_HEADERS, AUTHORITY);
  if (endsWith(host, INTERNAL) || endsWith(host, CLUSTER_LOCAL)) return sendLocal(404, NOTHING, INTERNAL_DETAILS, NOTHING);
  resetArena();
  return CONTINUE;
}
