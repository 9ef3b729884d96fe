/**
 * `filterc serve`: the proxy listener, the admin listener, the workers running the current build of the filter,
 * and the reload loop. A reload builds a new generation of workers and swaps it in for new requests; requests in
 * flight finish on the generation they started on (they hold it), as Envoy drains a replaced filter chain.
 */

import { Agent, createServer, type Server } from "node:http";
import { HostLoadError, type TrapInfo } from "../host/index.js";
import type { FilterUnderTest } from "../compiler/testing/index.js";
import { accessLogLine } from "./access-log.js";
import { adminServer } from "./admin.js";
import { Exchange, type ExchangeRecord } from "./exchange.js";
import { servedFilter } from "./filter-build.js";
import { httpClusters } from "./http-cluster.js";
import { grpcClusters } from "./grpc-cluster.js";
import { grpcForwarder } from "./grpc-forward.js";
import { ServeOptionError, type HostPort, type ServeOptions } from "./options.js";
import { readPluginConfig, Reloader } from "./reloader.js";
import { SharedState, WorkerSet, type WorkerSettings } from "./workers.js";

/** Where serve writes: access-log lines (stdout) and everything else (stderr). */
export interface ServeOutput {
  access(line: string): void;
  info(text: string): void;
  color: boolean;
}

export interface RunningServe {
  /** The exit code once the server has stopped: 0 after a graceful shutdown. */
  readonly stopped: Promise<number>;
  shutdown(): void;
}

/** Start-up failures that are the input's (a compile error): exit code 1. A usage problem throws ServeOptionError. */
export class ServeStartError extends Error {}

export async function startServe(options: ServeOptions, out: ServeOutput): Promise<RunningServe> {
  const pluginConfig = readPluginConfig(options.pluginConfig);

  const built = await servedFilter(options, out.color);
  if (!built.ok) {
    out.info(built.diagnostics + "\n\n" + built.summary + "\n");
    throw new ServeStartError(built.summary);
  }
  const shared = new SharedState();
  // One connection per gRPC cluster for all workers and reloads; closed when the proxy has stopped.
  const forwarders = new Map([...options.grpcClusters].map(([name, flag]) => [name, grpcForwarder(flag)] as const));
  const closeForwarders = () => forwarders.forEach((forwarder) => forwarder.close());
  const startWorkers = async (filter: FilterUnderTest, config: string): Promise<WorkerSet> => {
    const settings: WorkerSettings = {
      workers: options.workers,
      failurePolicy: options.failurePolicy,
      bufferLimitBytes: options.bufferLimitBytes,
      pluginConfig: config,
      clusters: (worker) => httpClusters(options.clusters, worker),
      grpcClusters: (worker) => grpcClusters(forwarders, worker),
    };
    const set = await WorkerSet.start(filter, settings, shared);
    set.takeLogs().forEach((line) => out.info(line));
    return set;
  };
  let current: WorkerSet;
  try {
    current = await startWorkers(built.filter, pluginConfig);
  } catch (error) {
    closeForwarders();
    if (error instanceof HostLoadError) {
      out.info(`error: the filter did not start: ${error.message}\n`);
      throw new ServeStartError(error.message);
    }
    throw error;
  }

  const reloader = new Reloader(options, out.info, out.color, startWorkers, current, pluginConfig, built.files);
  const agent = new Agent({ keepAlive: true });
  const done = (record: ExchangeRecord) => {
    for (const log of [...record.vmLogs, ...record.result.logs]) out.info(`[filter ${log.levelName}] ${log.message}\n`);
    if (record.result.trap !== undefined) out.info(trapReport(record.result.trap, options.failurePolicy, record.status) + "\n");
    out.access(accessLogLine(record, options.logFormat) + "\n");
  };
  const exchangeSettings = { upstream: options.upstream, agent, maxHeaderBytes: options.maxHeaderBytes, done };
  const proxy = createServer({ maxHeaderSize: options.maxHeaderBytes * 2 + 16 * 1024 }, (req, res) => {
    // The generation current now serves this request to its end, whatever reloads happen meanwhile.
    new Exchange(reloader.current, req, res, exchangeSettings);
  });
  let admin: Server | undefined;
  let proxyAddress: HostPort;
  let adminAddress: HostPort | undefined;
  try {
    proxyAddress = await listen(proxy, options.listen, "--listen");
    if (options.admin !== undefined) {
      admin = adminServer(() => shared.metrics.snapshot());
      adminAddress = await listen(admin, options.admin, "--admin");
    }
  } catch (error) {
    // Nothing may keep the process alive after a usage error: the watcher and a listener already bound.
    reloader.close();
    proxy.close();
    closeForwarders();
    throw error;
  }

  out.info(`filterc serve: listening on http://${hostPort(proxyAddress)} -> http://${hostPort(options.upstream)}\n`);
  if (adminAddress !== undefined) out.info(`filterc serve: admin on http://${hostPort(adminAddress)}/stats/prometheus\n`);
  out.info(`filterc serve: ${options.workers} worker${options.workers === 1 ? "" : "s"}, watching ${options.ruleFile}\n`);

  // ---- shutdown ----
  let resolveStopped!: (code: number) => void;
  const stopped = new Promise<number>((r) => (resolveStopped = r));
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    out.info("filterc serve: shutting down (finishing requests in flight)\n");
    reloader.close();
    admin?.close();
    // close() stops accepting and waits for connections to end; idle keep-alive connections are closed as they
    // become idle, so requests in flight finish and nothing new starts.
    const idle = setInterval(() => proxy.closeIdleConnections(), 50);
    proxy.close(() => {
      clearInterval(idle);
      agent.destroy();
      closeForwarders();
      resolveStopped(0);
    });
    proxy.closeIdleConnections();
  };
  return { stopped, shutdown };
}

function listen(server: Server, at: HostPort, flag: string): Promise<HostPort> {
  return new Promise((resolvePromise, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "EADDRINUSE" ? "the address is in use" : error.code === "EACCES" ? "permission denied" : error.message;
      reject(new ServeOptionError(`${flag}: cannot listen on ${hostPort(at)}: ${why}`));
    });
    server.listen(at.port, at.host, () => {
      const address = server.address();
      resolvePromise(typeof address === "object" && address !== null ? { host: address.address, port: address.port } : at);
    });
  });
}

function hostPort(at: HostPort): string {
  return at.host.includes(":") ? `[${at.host}]:${at.port}` : `${at.host}:${at.port}`;
}

/** `filter trapped in proxy_on_request_headers at filter/rule_1 (rule "boom" (rules.fw:1)): unreachable; ...`. */
function trapReport(trap: TrapInfo, policy: string, status: number): string {
  const where = trap.functionName === undefined ? "" : ` at ${trap.functionName}${trap.annotation === undefined ? "" : ` (${trap.annotation})`}`;
  const outcome =
    policy === "fail-open" ? "fail-open: the request went on without the filter" :
    policy === "reload" ? "reload: a fresh VM serves the next request" :
    `fail-closed: answered ${status === 0 ? 503 : status}`;
  return `filter trapped in ${trap.callback}${where}: ${trap.message}; ${outcome}`;
}
