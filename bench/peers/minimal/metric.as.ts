// Metrics for the hand-written peers: defined once at configuration (as filterc does), by name, and their ids kept.
import { proxy_define_metric } from "./abi.as";
import { Bytes, lenOf, ptrOf } from "./bytes.as";

const id = memory.data(4);

/** Defines a metric of `metricType` named `name` and returns its id. */
export function defineMetric(metricType: u32, name: Bytes): u32 {
  proxy_define_metric(metricType, ptrOf(name), lenOf(name), id);
  return load<u32>(id);
}
