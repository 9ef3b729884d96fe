// examples/tenant-metrics.fw by hand, with the param's default as a constant: every fixed counter defined at
// configuration, a counter per tenant defined the first time that tenant is seen (at most 32, then "other"), one
// host call per count or observe, and the responses counted unless the filter answered itself; the same host calls.
// A tenant's counter name needs the tenant's bytes for as long as the module runs: this module keeps the 32 names
// in a static table of 128 bytes each and counts a longer tenant under "other" (no scenario sends one).
import {
  CONTINUE, MAP_REQUEST_HEADERS, MAP_RESPONSE_HEADERS, METRIC_COUNTER, METRIC_HISTOGRAM, proxy_increment_metric, proxy_record_metric,
} from "./abi.as";
import { ABSENT, Bytes, bytes, equals, equalsIgnoringCase, lenOf, ptrOf, put } from "./bytes.as";
import { getHeader } from "./host.as";
import { arenaAlloc, resetArena } from "./memory.as";
import { defineMetric } from "./metric.as";
import { NOTHING, sendLocal } from "./reply.as";
import { forgetStream, setStreamValue } from "./stream-table.as";
export { malloc } from "./memory.as";

export function proxy_abi_version_0_2_1(): void {}

const X_TENANT: Bytes = lit("x-tenant");
const X_PLAN: Bytes = lit("x-plan");
const PATH: Bytes = lit(":path");
const STATUS: Bytes = lit(":status");
const TAG: Bytes = lit("by=.=");
const REQUESTS_TAIL: Bytes = lit(";.;filterc.tenant-metrics.requests");
const MISSING: Bytes = lit("missing or oversized x-tenant\n");
const REFUSED_DETAILS: Bytes = lit("filterc_tenant-refused");
const FREE: Bytes = lit("free");
const PRO: Bytes = lit("pro");
const ENTERPRISE: Bytes = lit("enterprise");
const MAX_TENANT_BYTES: usize = 64;

let requestsOther: u32 = 0;
let planOther: u32 = 0;
let planFree: u32 = 0;
let planPro: u32 = 0;
let planEnterprise: u32 = 0;
let refused: u32 = 0;
let pathBytes: u32 = 0;
let responsesOther: u32 = 0;
let responses2xx: u32 = 0;
let responses3xx: u32 = 0;
let responses4xx: u32 = 0;
let responses5xx: u32 = 0;

export function proxy_on_configure(root: u32, configurationSize: u32): u32 {
  requestsOther = defineMetric(METRIC_COUNTER, lit("by=.=other;.;filterc.tenant-metrics.requests"));
  planOther = defineMetric(METRIC_COUNTER, lit("by=.=other;.;filterc.tenant-metrics.requests_by_plan"));
  planFree = defineMetric(METRIC_COUNTER, lit("by=.=free;.;filterc.tenant-metrics.requests_by_plan"));
  planPro = defineMetric(METRIC_COUNTER, lit("by=.=pro;.;filterc.tenant-metrics.requests_by_plan"));
  planEnterprise = defineMetric(METRIC_COUNTER, lit("by=.=enterprise;.;filterc.tenant-metrics.requests_by_plan"));
  refused = defineMetric(METRIC_COUNTER, lit("filterc.tenant-metrics.refused"));
  pathBytes = defineMetric(METRIC_HISTOGRAM, lit("filterc.tenant-metrics.request_path_bytes"));
  responsesOther = defineMetric(METRIC_COUNTER, lit("by=.=other;.;filterc.tenant-metrics.responses"));
  responses2xx = defineMetric(METRIC_COUNTER, lit("by=.=2xx;.;filterc.tenant-metrics.responses"));
  responses3xx = defineMetric(METRIC_COUNTER, lit("by=.=3xx;.;filterc.tenant-metrics.responses"));
  responses4xx = defineMetric(METRIC_COUNTER, lit("by=.=4xx;.;filterc.tenant-metrics.responses"));
  responses5xx = defineMetric(METRIC_COUNTER, lit("by=.=5xx;.;filterc.tenant-metrics.responses"));
  return 1;
}

// The tenants seen so far: per slot a u32 length, a u32 metric id and 128 name bytes.
const TENANTS: u32 = 32;
const NAME_BYTES: usize = 128;
const SLOT: usize = 8 + NAME_BYTES;
const tenants = memory.data(<i32>(<usize>TENANTS * SLOT));
let tenantCount: u32 = 0;

/** The counter of requests for `tenant`, defined on first sight while there are fewer than 32. */
function tenantCounter(tenant: Bytes): u32 {
  if (tenant == ABSENT) return requestsOther;
  for (let i: u32 = 0; i < tenantCount; i++) {
    const slot = tenants + <usize>i * SLOT;
    if (equals(tenant, bytes(slot + 8, <usize>load<u32>(slot)))) return load<u32>(slot + 4);
  }
  if (tenantCount == TENANTS || lenOf(tenant) > NAME_BYTES) return requestsOther;
  const name = arenaAlloc(lenOf(TAG) + lenOf(tenant) + lenOf(REQUESTS_TAIL));
  const end = put(put(put(name, TAG), tenant), REQUESTS_TAIL);
  const id = defineMetric(METRIC_COUNTER, bytes(name, end - name));
  const slot = tenants + <usize>tenantCount * SLOT;
  tenantCount++;
  store<u32>(slot, <u32>lenOf(tenant));
  store<u32>(slot + 4, id);
  memory.copy(slot + 8, ptrOf(tenant), lenOf(tenant));
  return id;
}

function planCounter(plan: Bytes): u32 {
  if (equalsIgnoringCase(plan, FREE)) return planFree;
  if (equalsIgnoringCase(plan, PRO)) return planPro;
  if (equalsIgnoringCase(plan, ENTERPRISE)) return planEnterprise;
  return planOther;
}

export function proxy_on_request_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  const tenant = getHeader(MAP_REQUEST_HEADERS, X_TENANT);
  proxy_increment_metric(tenantCounter(tenant), 1);
  if (tenant != ABSENT) proxy_increment_metric(planCounter(getHeader(MAP_REQUEST_HEADERS, X_PLAN)), 1);
  if (tenant == ABSENT || lenOf(tenant) > MAX_TENANT_BYTES) {
    proxy_increment_metric(refused, 1);
    // The response is the filter's own: the response rules skip it.
    setStreamValue(ctx, 1);
    return sendLocal(400, MISSING, REFUSED_DETAILS, NOTHING);
  }
  const path = getHeader(MAP_REQUEST_HEADERS, PATH);
  proxy_record_metric(pathBytes, path == ABSENT ? 0 : <u64>lenOf(path));
  resetArena();
  return CONTINUE;
}

export function proxy_on_response_headers(ctx: u32, headers: u32, endOfStream: u32): u32 {
  if (forgetStream(ctx) != 0) return CONTINUE;
  const status = getHeader(MAP_RESPONSE_HEADERS, STATUS);
  let code: u32 = 0;
  if (status != ABSENT) for (let i: usize = 0; i < lenOf(status); i++) code = code * 10 + (<u32>load<u8>(ptrOf(status) + i) - 48);
  const hundreds = code / 100;
  proxy_increment_metric(hundreds == 2 ? responses2xx : hundreds == 3 ? responses3xx : hundreds == 4 ? responses4xx : hundreds == 5 ? responses5xx : responsesOther, 1);
  resetArena();
  return CONTINUE;
}

export function proxy_on_delete(ctx: u32): void {
  forgetStream(ctx);
}
