/**
 * `--cluster name=grpc://host:port`: the filter's gRPC calls to that cluster go to the real server through its
 * forwarder (serve/grpc-forward.ts), one HTTP/2 connection per cluster shared by every worker, as an Envoy cluster
 * pools connections for all workers. When the answer (or the forwarder's deadline, which is the call's timeout)
 * comes back, the exchange whose step made the call delivers it on its stream (Context::onGrpcReceive or
 * onGrpcClose in Envoy's context.cc).
 */

import type { GrpcClusterSpec } from "../host/index.js";
import type { GrpcForwarder } from "./grpc-forward.js";
import type { Worker } from "./workers.js";

export function grpcClusters(forwarders: ReadonlyMap<string, GrpcForwarder>, worker: Worker): Record<string, GrpcClusterSpec> {
  const clusters: Record<string, GrpcClusterSpec> = {};
  for (const [name, forwarder] of forwarders) {
    clusters[name] = (request, signal) => worker.deliverWhenSettled(Promise.resolve(forwarder.spec(request, signal)));
  }
  return clusters;
}
