// For the `filterc serve` tests: a real upstream HTTP server on a free loopback port, `filterc serve` started as a
// process (dist/cli/main.js) on port 0, and plain HTTP requests to it.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { join } from "node:path";
import { repoRoot } from "../support/paths.js";

/** What the upstream received, as it answers it in its JSON body. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  readonly url: string;
  /** Every request the upstream got, in order. */
  readonly seen: Seen[];
  /** Answers the requests to /slow held so far. */
  release(): void;
  close(): Promise<void>;
}

/**
 * An upstream that answers every request with 200 and a JSON echo of it; `/status/NNN` answers NNN; `/slow` answers
 * only when release() is called (a request held in flight); `/abort` breaks off its response mid-body.
 */
export function startUpstream(): Promise<Upstream> {
  const seen: Seen[] = [];
  const held: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(entry);
      const status = /^\/status\/(\d{3})/.exec(entry.url);
      const answer = () => {
        res.writeHead(status === null ? 200 : Number(status[1]), { "content-type": "application/json", "x-upstream": "1" });
        res.end(JSON.stringify(entry));
      };
      if (entry.url === "/slow") held.push(answer);
      else if (entry.url === "/abort") {
        // Promises 100 bytes, sends 10, and goes away.
        res.writeHead(200, { "content-length": "100" });
        res.write("0123456789", () => res.destroy());
      } else answer();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        seen,
        release: () => held.splice(0).forEach((answer) => answer()),
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

export interface Serving {
  readonly url: string;
  readonly adminUrl?: string;
  readonly process: ChildProcess;
  /** All of stdout (access log) and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Waits until stderr (or stdout) contains the text, or fails after the time given. */
  waitFor(text: string | RegExp, where?: "stderr" | "stdout", timeoutMs?: number): Promise<void>;
  /** SIGTERM, then the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `filterc serve ARGS` and waits for the address it listens on. */
export function startServe(args: string[], options: { cwd?: string } = {}): Promise<Serving> {
  const child = spawn(process.execPath, [join(repoRoot, "dist/cli/main.js"), "serve", ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout!.on("data", (d: Buffer) => { out += d.toString(); wake(); });
  child.stderr!.on("data", (d: Buffer) => { err += d.toString(); wake(); });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => { wake(); resolve(code); }));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const waitFor = (text: string | RegExp, where: "stderr" | "stdout" = "stderr", timeoutMs = 90_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}; stderr:\n${err}`)), timeoutMs);
      const check = () => {
        const hay = where === "stderr" ? err : out;
        if (typeof text === "string" ? hay.includes(text) : text.test(hay)) {
          clearTimeout(timer);
          resolve();
        } else if (exitCode !== undefined) {
          clearTimeout(timer);
          reject(new Error(`filterc serve exited (${exitCode}) before ${String(text)}; stderr:\n${err}`));
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  // The last line of the start-up report.
  return waitFor(/ watching /).then(() => {
    const url = /listening on (http:\/\/\S+)/.exec(err)![1]!;
    const admin = /admin on (http:\/\/\S+)\/stats\/prometheus/.exec(err)?.[1];
    return {
      url,
      ...(admin === undefined ? {} : { adminUrl: admin }),
      process: child,
      stdout: () => out,
      stderr: () => err,
      waitFor,
      stop: (signal: NodeJS.Signals = "SIGTERM") => {
        if (exitCode === undefined) child.kill(signal);
        return exited;
      },
    };
  });
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP/1.1 request on a fresh connection; the body is sent in the chunks given, one per event-loop turn. */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | string[]; signal?: AbortSignal } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, agent: false, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    const parts = init.body === undefined ? [] : typeof init.body === "string" ? [init.body] : init.body;
    const write = (i: number) => {
      if (i === parts.length) {
        req.end();
        return;
      }
      req.write(parts[i]!);
      setImmediate(() => write(i + 1));
    };
    write(0);
  });
}

/** The access log's JSON lines so far. */
export function accessLog(serving: Serving): Array<Record<string, unknown>> {
  return serving
    .stdout()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
