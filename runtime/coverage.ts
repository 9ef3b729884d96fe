// Rule coverage for `filterc test`: an instrumented build counts each rule that fires in a counter metric named
// `filterc.rule_fired.<index>`. Release builds never call these, so they make no extra host calls.
import { proxy_define_metric, proxy_increment_metric, METRIC_COUNTER } from "./abi";
import { Str, strLen, strPtr } from "./str";

const returnId = memory.data(4);

export function coverageDefine(name: Str): u32 {
  proxy_define_metric(METRIC_COUNTER, strPtr(name), strLen(name), returnId);
  return load<u32>(returnId);
}

export function coverageHit(metric: u32): void {
  proxy_increment_metric(metric, 1);
}
