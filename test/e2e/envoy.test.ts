import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.js";
import { repoRoot } from "../support/paths.js";

/**
 * Opt-in: runs the examples through a real Envoy when an `envoy` binary is on PATH (none can be installed on the
 * machines this project's CI uses). Everything listens on loopback only.
 */
const envoyAvailable = spawnSync("envoy", ["--version"], { encoding: "utf8" }).status === 0;
if (!envoyAvailable) console.warn("test/e2e/envoy.test.ts skipped: no `envoy` binary on PATH");

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  server.close();
  return port;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers, timeout: 5000 }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.skipIf(!envoyAvailable)("through a real Envoy", () => {
  let upstream: Server;
  let envoy: ChildProcess | undefined;
  let listenPort = 0;
  const seen: Array<Record<string, string | string[] | undefined>> = [];

  async function startEnvoy(example: string): Promise<void> {
    envoy?.kill();
    const dir = tempDir();
    listenPort = await freePort();
    const adminPort = await freePort();
    const upstreamPort = (upstream.address() as AddressInfo).port;
    copyFileSync(join(repoRoot, "examples", example), join(dir, example));
    writeFileSync(join(dir, "filterc.yaml"), `envoy: { listenPort: ${listenPort}, adminPort: ${adminPort}, upstreamHost: 127.0.0.1, upstreamPort: ${upstreamPort} }\n`);
    const out = join(dir, "out");
    expect(runCli(["build", join(dir, example), "-o", out]).status).toBe(0);
    envoy = spawn("envoy", ["-c", "envoy.yaml", "--base-id", String(listenPort), "-l", "warn"], { cwd: out, stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      try {
        await get(listenPort, "/");
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error("envoy did not start");
  }

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "text/plain", server: "upstream" });
      res.end("ok");
    });
    upstream.listen(0, "127.0.0.1");
    await once(upstream, "listening");
  });

  afterAll(() => {
    envoy?.kill();
    upstream.close();
  });

  it("hello.fw adds hello: world", async () => {
    await startEnvoy("hello.fw");
    const response = await get(listenPort, "/");
    expect(response.headers.hello).toBe("world");
  });

  it("admin-gate.fw refuses /admin from loopback without a token and redirects /v1/", async () => {
    await startEnvoy("admin-gate.fw");
    const refused = await get(listenPort, "/admin");
    expect(refused.status).toBe(403);
    const redirect = await get(listenPort, "/v1/x", { host: "shop.example" });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe("https://shop.example/v2/");
  });

  it("canary.fw rewrites the path the upstream sees", async () => {
    await startEnvoy("canary.fw");
    seen.length = 0;
    const response = await get(listenPort, "/api/a", { "x-canary": "true" });
    expect(response.headers["x-served-by"]).toBe("canary");
    expect(seen[0]?.["x-canary-routed"]).toBe("true");
  });
});
