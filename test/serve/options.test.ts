import { describe, expect, it } from "vitest";
import { ServeOptionError, serveOptions, type ServeFlags } from "../../serve/options.js";

const up = { upstream: "http://127.0.0.1:8080" };
const message = (flags: ServeFlags, file: string | undefined = "rules.fw") => {
  try {
    serveOptions(file, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(ServeOptionError);
    return (error as Error).message;
  }
  return "accepted";
};

describe("serve options", () => {
  it("defaults: 127.0.0.1:10000, one worker, fail-closed, 1 MiB buffer limit, 60 KiB of headers, text log, no admin", () => {
    expect(serveOptions("rules.fw", up)).toEqual({
      ruleFile: "rules.fw",
      wasm: false,
      upstream: { host: "127.0.0.1", port: 8080 },
      listen: { host: "127.0.0.1", port: 10000 },
      clusters: new Map(),
      grpcClusters: new Map(),
      workers: 1,
      bufferLimitBytes: 1048576,
      maxHeaderBytes: 61440,
      failurePolicy: "fail-closed",
      logFormat: "text",
    });
  });

  it("reads addresses, clusters and counts", () => {
    const options = serveOptions(undefined, {
      upstream: "http://[::1]:81",
      wasm: "f.wasm",
      listen: "0",
      admin: "[::1]:9901",
      cluster: ["auth=http://localhost:9000", "limits=http://10.0.0.1", "rls=grpc://127.0.0.1:8081"],
      workers: "4",
      failurePolicy: "reload",
      logFormat: "json",
    });
    expect(options).toMatchObject({
      ruleFile: "f.wasm",
      wasm: true,
      upstream: { host: "::1", port: 81 },
      listen: { host: "127.0.0.1", port: 0 },
      admin: { host: "::1", port: 9901 },
      workers: 4,
      failurePolicy: "reload",
      logFormat: "json",
    });
    expect([...options.clusters]).toEqual([
      ["auth", { host: "localhost", port: 9000 }],
      ["limits", { host: "10.0.0.1", port: 80 }],
    ]);
    expect([...options.grpcClusters].map(([name, flag]) => [name, flag.authority])).toEqual([["rls", "127.0.0.1:8081"]]);
  });

  it.each([
    [{}, "--upstream is required, e.g. --upstream http://127.0.0.1:8080"],
    [{ upstream: "ftp://x" }, "--upstream takes http://host:port, not ftp://x (unknown scheme ftp://; use http://)"],
    [{ upstream: "https://x" }, "--upstream takes http://host:port, not https://x (https:// (TLS) is not supported; use http://)"],
    [{ upstream: "grpc://x:1" }, "--upstream takes http://host:port, not grpc://x:1 (unknown scheme grpc://; use http://)"],
    [{ upstream: "localhost" }, "--upstream takes http://host:port, not localhost (the URL needs a scheme, e.g. http://127.0.0.1:8080)"],
    [{ upstream: "" }, "--upstream takes http://host:port, not an empty value (the URL is empty)"],
    [{ upstream: "http://a:1/x" }, "--upstream takes http://host:port, not http://a:1/x (a server URL has no path, query or fragment)"],
    [{ upstream: "http://a:0" }, "--upstream takes http://host:port, not http://a:0 (the port is a number from 1 to 65535, not 0)"],
    [{ upstream: "http://[zz]:1" }, "--upstream takes http://host:port, not http://[zz]:1 ([zz] is not an IPv6 address)"],
    [{ ...up, cluster: ["rls=http://127.0.0.1:80/check"] }, "--cluster takes name=http://host:port or name=grpc://host:port, not rls=http://127.0.0.1:80/check (a server URL has no path, query or fragment)"],
    [{ ...up, cluster: ["auth"] }, "--cluster takes name=http://host:port or name=grpc://host:port, not auth (no `=` between the cluster name and its URL)"],
    [{ ...up, cluster: ["a=http://x:1", "a=grpc://y:2"] }, "--cluster a is given twice (a=http://x:1 and a=grpc://y:2); give each cluster once"],
    [{ ...up, cluster: ["rls=grpc://127.0.0.1"] }, "--cluster takes name=http://host:port or name=grpc://host:port, not rls=grpc://127.0.0.1 (a grpc:// URL needs a port, e.g. grpc://127.0.0.1:8081)"],
    [{ ...up, listen: "nowhere" }, '--listen takes HOST:PORT (e.g. 127.0.0.1:10000) or a port, not "nowhere"'],
    [{ ...up, admin: "1.2.3.4:70000" }, '--admin takes HOST:PORT (e.g. 127.0.0.1:10000) or a port, not "1.2.3.4:70000"'],
    [{ ...up, workers: "1.5" }, '--workers takes a whole number from 1 to 64, not "1.5"'],
    [{ ...up, bufferLimit: "0" }, '--buffer-limit takes a whole number from 1 to 2147483648, not "0"'],
    [{ ...up, failurePolicy: "ignore" }, '--failure-policy takes fail-closed, fail-open, reload, not "ignore"'],
    [{ ...up, logFormat: "xml" }, '--log-format takes text or json, not "xml"'],
  ])("refuses %j", (flags, text) => {
    expect(message(flags as ServeFlags)).toBe(text);
  });

  it("takes a rule file or --wasm, not both or neither", () => {
    expect(message({ ...up, wasm: "f.wasm" })).toBe("name a rule file, or a module with --wasm (not both)");
    expect(() => serveOptions(undefined, up)).toThrow(new ServeOptionError("name a rule file, or a module with --wasm (not both)"));
  });
});
