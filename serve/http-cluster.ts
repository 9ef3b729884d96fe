/**
 * `--cluster name=http://host:port`: the filter's proxy_http_call to that cluster becomes a real HTTP/1.1 request,
 * answered to proxy_on_http_call_response when it comes back, as Envoy's AsyncClient does
 * (source/extensions/common/wasm/context.cc, Context::httpCall). The call's timeout gives Envoy's 504 reply; a
 * connection error arrives as a failed call (zero headers).
 */

import { request } from "node:http";
import type { ClusterSpec, HttpCallAnswer, HttpCallRequest } from "../host/index.js";
import { headerValue, wireHeaders } from "./connection-manager.js";
import type { HostPort } from "./options.js";
import type { Worker } from "./workers.js";

/** The worker's clusters: each call is sent, and its answer handed to the exchange whose step made the call. */
export function httpClusters(targets: ReadonlyMap<string, HostPort>, worker: Worker): Record<string, ClusterSpec> {
  const clusters: Record<string, ClusterSpec> = {};
  for (const [name, target] of targets) {
    clusters[name] = (call) => worker.deliverWhenSettled(send(target, call));
  }
  return clusters;
}

function send(target: HostPort, call: HttpCallRequest): Promise<HttpCallAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: HttpCallAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const req = request({
      host: target.host,
      port: target.port,
      method: headerValue(call.headers, ":method") ?? "GET",
      path: headerValue(call.headers, ":path") ?? "/",
      headers: [...wireHeaders(call.headers), "host", headerValue(call.headers, ":authority") ?? `${target.host}:${target.port}`],
    });
    if (call.timeoutMs > 0) req.setTimeout(call.timeoutMs, () => {
      settle("timeout");
      req.destroy();
    });
    req.on("error", () => settle("reset"));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", () => settle("reset"));
      res.on("end", () => {
        const headers: [string, string][] = [[":status", String(res.statusCode ?? 502)]];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
        settle({ headers, body: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    req.end(call.body.length > 0 ? Buffer.from(call.body) : undefined);
  });
}
