// examples/shadow-rollout.fw by hand, with the param's default and the default plugin configuration as constants:
// "block-scrapers" in shadow mode (its log line, the shadow line saying what it would have done and its counter,
// defined at configuration; nothing refused) and "internal-hosts" enforced; the same host calls.
import { CONTINUE, LOG_INFO, MAP_REQUEST_HEADERS, METRIC_COUNTER, proxy_increment_metric, proxy_log } from "./abi.as";
import { ABSENT, Bytes, contains, endsWith, lenOf, ptrOf, put, putLogEscaped } from "./bytes.as";
import { getHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { defineMetric } from "./metric.as";
import { NOTHING, sendLocal } from "./reply.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const USER_AGENT: Bytes = lit("user-agent");
const AUTHORITY: Bytes = lit(":authority");
const SCRAPY: Bytes = lit("Scrapy/");
const PYTHON_REQUESTS: Bytes = lit("python-requests/");
const HEADLESS_CHROME: Bytes = lit("HeadlessChrome/");
const SCRAPER: Bytes = lit("scraper: ");
const WOULD: Bytes = lit("shadow rule \"block-scrapers\": would set x-blocked-by, deny 403");
const SHADOW_COUNTER: Bytes = lit("filterc.shadow-rollout.shadow.block-scrapers");
const INTERNAL: Bytes = lit(".internal");
const INTERNAL_DETAILS: Bytes = lit("filterc_internal-hosts");

let shadowCounter: u32 = 0;

export function proxy_on_configure(root: u32, configurationSize: u32): u32 {
  shadowCounter = defineMetric(METRIC_COUNTER, SHADOW_COUNTER);
  return 1;
}

/** `scraper: ` and the agent, with CR, LF and NUL written as `\r`, `\n` and `\0`, as filterc's log lines are. */
function logScraper(agent: Bytes): void {
  const line = arenaAlloc(lenOf(SCRAPER) + 2 * lenOf(agent));
  const end = putLogEscaped(put(line, SCRAPER), agent);
  proxy_log(LOG_INFO, line, end - line);
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const agent = getHeader(MAP_REQUEST_HEADERS, USER_AGENT);
  if (agent != ABSENT && (contains(agent, SCRAPY) || contains(agent, PYTHON_REQUESTS) || contains(agent, HEADLESS_CHROME))) {
    logScraper(agent);
    proxy_log(LOG_INFO, ptrOf(WOULD), lenOf(WOULD));
    proxy_increment_metric(shadowCounter, 1);
  }
  if (endsWith(getHeader(MAP_REQUEST_HEADERS, AUTHORITY), INTERNAL)) return sendLocal(404, NOTHING, INTERNAL_DETAILS, NOTHING);
  resetArena();
  return CONTINUE;
}
