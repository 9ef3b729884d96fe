/**
 * One request through the proxy: the client's request runs through the filter as it arrives (headers, then body
 * chunks as the socket delivers them, as Envoy's codec hands them to the filter chain), what the filter lets
 * through goes to the upstream as it goes, and the upstream's answer comes back through the filter the same way.
 * Local replies, redirects and resets come out of the same stream. The stream is a host/ HttpStream driven step
 * by step: after each step the output it passed on is sent (pump).
 */

import { request, type Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { HeaderList, HttpStream, LogEntry, StreamResult } from "../host/index.js";
import { feedBody } from "./body-feed.js";
import { headerValue, prepareRequest, upstreamResponseHeaders, wireHeaders } from "./connection-manager.js";
import type { HostPort } from "./options.js";
import { firedRules } from "./fired-rules.js";
import type { Worker, WorkerSet } from "./workers.js";

/** What the access log and the trap report need of a finished exchange. */
export interface ExchangeRecord {
  readonly method: string;
  readonly path: string;
  /** What the client got; 0 if nothing (reset or gone). */
  readonly status: number;
  readonly rules: readonly string[];
  /** Time spent running the filter (its callbacks and the host), in milliseconds. */
  readonly filterMs: number;
  readonly durationMs: number;
  readonly worker: number;
  readonly requestId: string;
  readonly details?: string;
  readonly result: StreamResult;
  /** The worker VM's own log lines since the last exchange on it (timers, calls answered outside a stream). */
  readonly vmLogs: readonly LogEntry[];
}

export interface ExchangeSettings {
  readonly upstream: HostPort;
  /** Keeps connections to the upstream open between requests, as Envoy's connection pool does. */
  readonly agent: Agent;
  readonly maxHeaderBytes: number;
  readonly done: (record: ExchangeRecord) => void;
}

export class Exchange {
  private readonly stream: HttpStream;
  private readonly worker: Worker;
  private readonly started = process.hrtime.bigint();
  private filterNs = 0n;
  private upstreamReq: ClientRequest | undefined;
  private upstreamAnswered = false;
  private clientStatus = 0;
  private closed = false;
  private readonly method: string;
  private readonly path: string;
  private readonly requestId: string;

  constructor(
    private readonly set: WorkerSet,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly settings: ExchangeSettings,
  ) {
    this.worker = set.pick();
    this.worker.catchUpClock();
    this.method = req.method ?? "GET";
    this.path = req.url ?? "/";
    const prepared = prepareRequest(req, settings.maxHeaderBytes);
    this.requestId = headerValue(prepared.headers, "x-request-id") ?? "";
    const source = `${req.socket.remoteAddress ?? "127.0.0.1"}:${req.socket.remotePort ?? 0}`;
    const destination = `${req.socket.localAddress ?? "127.0.0.1"}:${req.socket.localPort ?? 0}`;
    this.stream = this.worker.host.openStream({ source, destination }, false);
    res.sendDate = false;
    res.on("close", () => this.clientGone());
    // A client that goes away mid-body: 'close' above ends the exchange; the error itself needs no report.
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    if (prepared.refused !== undefined) {
      req.resume();
      this.step(() => this.stream.refuseRequest(prepared.refused!));
      return;
    }
    this.step(() => this.stream.requestHeaders(prepared.headers, prepared.endOfStream));
    if (prepared.endOfStream) {
      req.resume();
      return;
    }
    feedBody(req, prepared.contentLength, (chunk, eos) => this.step(() => this.stream.requestBody(chunk, eos)), () => this.closed);
  }

  /** An HTTP call this exchange's filter made has been answered: deliver it on this stream. */
  deliverCallAnswers(): void {
    if (!this.closed) this.step(() => this.stream.dispatch());
  }

  /** Runs one stream step with this exchange as the worker's driver, then sends what the filter passed on. */
  private step(action: () => void): void {
    const worker = this.worker;
    const previous = worker.driving;
    worker.driving = this;
    const t0 = process.hrtime.bigint();
    try {
      action();
    } finally {
      this.filterNs += process.hrtime.bigint() - t0;
      worker.driving = previous;
    }
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    const up = this.stream.takeUpstreamOutput();
    if (up.headers !== undefined) this.startUpstream(up.headers);
    const upstreamReq = this.upstreamReq;
    if (upstreamReq !== undefined && !upstreamReq.destroyed) {
      for (const chunk of up.chunks) upstreamReq.write(chunk);
      if (up.ended) upstreamReq.end();
    }
    const out = this.stream.takeClientOutput();
    if (out.headers !== undefined) {
      // A reply made before the upstream answered: Envoy resets the upstream request.
      if (!this.upstreamAnswered) this.upstreamReq?.destroy();
      this.clientStatus = Number(headerValue(out.headers, ":status") ?? 0);
      try {
        this.res.writeHead(this.clientStatus, wireHeaders(out.headers));
      } catch {
        // A status or header node:http cannot send (the filter set a bad value): Envoy's codec would reset too.
        this.clientStatus = 0;
        this.res.destroy();
        this.finish();
        return;
      }
    }
    for (const chunk of out.chunks) this.res.write(chunk);
    if (out.ended) {
      this.res.end();
      this.finish();
    } else if (this.stream.resetReason !== undefined) {
      this.res.destroy();
      this.upstreamReq?.destroy();
      this.finish();
    }
  }

  private startUpstream(headers: HeaderList): void {
    const { host, port } = this.settings.upstream;
    let req: ClientRequest;
    try {
      req = request({
        host,
        port,
        agent: this.settings.agent,
        method: headerValue(headers, ":method") ?? "GET",
        path: headerValue(headers, ":path") ?? "/",
        headers: [...wireHeaders(headers), "host", headerValue(headers, ":authority") || `${host}:${port}`],
      });
    } catch (error) {
      // A method, path or header node:http refuses to send (set by the filter): no request can go upstream.
      const reason = (error as Error).message;
      setImmediate(() => this.step(() => this.stream.upstreamFailed(503, `invalid upstream request: ${reason}`, "upstream_request_invalid")));
      return;
    }
    this.upstreamReq = req;
    req.on("error", (error: NodeJS.ErrnoException) => this.upstreamError(error));
    req.on("response", (res) => this.upstreamResponse(req, res));
  }

  /** Envoy's router answers a failed upstream itself (503), through the filter's response callbacks. */
  private upstreamError(error: NodeJS.ErrnoException): void {
    if (this.closed || this.upstreamAnswered) return;
    const reason = error.code === "ECONNREFUSED" || error.code === "ENOTFOUND" ? "connection_failure" : "connection_termination";
    const body = `upstream connect error or disconnect/reset before headers. reset reason: ${reason.replace("_", " ")}`;
    this.step(() => this.stream.upstreamFailed(503, body, `upstream_reset_before_response_started{${reason}}`));
  }

  private upstreamResponse(req: ClientRequest, res: IncomingMessage): void {
    if (this.closed || req !== this.upstreamReq) {
      res.resume();
      return;
    }
    this.upstreamAnswered = true;
    const status = res.statusCode ?? 502;
    const length = res.headers["content-length"];
    const contentLength = length === undefined ? undefined : Number(length);
    const noBody = this.method === "HEAD" || status === 204 || status === 304 || contentLength === 0;
    this.step(() => this.stream.responseHeaders({ status, headers: upstreamResponseHeaders(status, res) }, noBody));
    if (noBody) {
      res.resume();
      return;
    }
    feedBody(res, contentLength, (chunk, eos) => this.step(() => this.stream.responseBody(chunk, eos)), () => this.closed);
    // The upstream went away mid-body: Envoy can only reset the client's stream.
    res.on("error", () => undefined);
    res.on("aborted", () => {
      if (this.closed) return;
      this.res.destroy();
      this.finish();
    });
  }

  /** The client closed the connection before the response was complete. */
  private clientGone(): void {
    if (this.closed) return;
    this.upstreamReq?.destroy();
    this.finish();
  }

  /** The stream's end: access log callbacks in the filter, then the exchange's record. */
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    const t0 = process.hrtime.bigint();
    const result = this.stream.close();
    this.filterNs += process.hrtime.bigint() - t0;
    if (!this.upstreamAnswered) this.upstreamReq?.destroy();
    const record: ExchangeRecord = {
      method: this.method,
      path: this.path,
      status: this.res.headersSent ? this.clientStatus : 0,
      rules: firedRules(this.set.filter, result.trace),
      filterMs: Number(this.filterNs) / 1e6,
      durationMs: Number(process.hrtime.bigint() - this.started) / 1e6,
      worker: this.worker.index,
      requestId: this.requestId,
      result,
      vmLogs: this.worker.host.logs.splice(0),
      ...(result.response.details === undefined ? {} : { details: result.response.details }),
    };
    this.settings.done(record);
  }
}
