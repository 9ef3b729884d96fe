import { describe, expect, it } from "vitest";
import { ClusterFlagError, parseClusterFlag, parseClusterFlags } from "../../serve/cluster-flag.js";

describe("--cluster name=URL", () => {
  it("reads gRPC and HTTP clusters", () => {
    expect(parseClusterFlag("ratelimit=grpc://127.0.0.1:8081")).toEqual({ name: "ratelimit", protocol: "grpc", host: "127.0.0.1", port: 8081, authority: "127.0.0.1:8081" });
    expect(parseClusterFlag("auth=http://localhost:9000/")).toEqual({ name: "auth", protocol: "http", host: "localhost", port: 9000, authority: "localhost:9000" });
    expect(parseClusterFlag("outbound|80||auth.svc=HTTP://auth.local")).toMatchObject({ name: "outbound|80||auth.svc", protocol: "http", port: 80 });
    expect(parseClusterFlag("v6=grpc://[::1]:50051")).toMatchObject({ host: "::1", port: 50051, authority: "[::1]:50051" });
  });

  it.each([
    ["ratelimit", "no `=` between the cluster name and its URL"],
    ["=grpc://127.0.0.1:1", "the cluster name is empty"],
    ["rate limit=grpc://127.0.0.1:1", "a cluster name has no spaces"],
    ["rl=", "the URL is empty"],
    ["rl=127.0.0.1:8081", "the URL needs a scheme, e.g. grpc://127.0.0.1:8081"],
    ["rl=grpcs://127.0.0.1:8081", "grpcs:// (TLS) is not supported; use grpc://"],
    ["rl=https://127.0.0.1:8081", "https:// (TLS) is not supported; use http://"],
    ["rl=tcp://127.0.0.1:8081", "unknown scheme tcp://; use http:// or grpc://"],
    ["rl=grpc://127.0.0.1", "a grpc:// URL needs a port, e.g. grpc://127.0.0.1:8081"],
    ["rl=grpc://:8081", "the host is missing"],
    ["rl=grpc://127.0.0.1:0", "the port is a number from 1 to 65535, not 0"],
    ["rl=grpc://127.0.0.1:70000", "the port is a number from 1 to 65535, not 70000"],
    ["rl=grpc://127.0.0.1:http", "the port is a number from 1 to 65535, not http"],
    ["rl=grpc://[zz]:1", "[zz] is not an IPv6 address"],
    ["rl=http://127.0.0.1:80/check", "a server URL has no path, query or fragment"],
  ])("refuses %s: %s", (value, why) => {
    expect(() => parseClusterFlag(value)).toThrow(new ClusterFlagError(`--cluster takes name=http://host:port or name=grpc://host:port, not ${value} (${why})`));
  });

  it("names an empty value as such", () => {
    expect(() => parseClusterFlag("")).toThrow("not an empty value (no `=`");
  });

  it("takes several clusters and refuses a name given twice", () => {
    expect(parseClusterFlags(["a=grpc://127.0.0.1:1", "b=http://127.0.0.1:2"]).map((c) => `${c.name}:${c.protocol}`)).toEqual(["a:grpc", "b:http"]);
    expect(() => parseClusterFlags(["a=grpc://127.0.0.1:1", "a=http://127.0.0.1:2"])).toThrow(
      "--cluster a is given twice (a=grpc://127.0.0.1:1 and a=http://127.0.0.1:2); give each cluster once",
    );
  });
});
