/**
 * The admin listener (`--admin HOST:PORT`, off unless given): GET /stats/prometheus answers the filter's metrics,
 * as Envoy's admin does. It listens apart from the proxy so that no path of the proxied service is hidden.
 */

import { createServer, type Server } from "node:http";
import { isCoverageMetric } from "./fired-rules.js";
import { prometheusText, type MetricValue } from "./prometheus.js";

export function adminServer(metrics: () => ReadonlyMap<string, MetricValue>): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "content-type": "text/plain", allow: "GET" }).end("method not allowed\n");
      return;
    }
    if (path === "/stats/prometheus") {
      const shown = new Map([...metrics()].filter(([name]) => !isCoverageMetric(name)));
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(prometheusText(shown));
      return;
    }
    if (path === "/ready") {
      res.writeHead(200, { "content-type": "text/plain" }).end("LIVE\n");
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found: the admin listener answers /stats/prometheus and /ready\n");
  });
}
