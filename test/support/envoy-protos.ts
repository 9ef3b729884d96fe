// Envoy's API messages through a real protobuf library (protobufjs, a dev dependency), to check the filters'
// hand-written encoders and decoders against: the .proto files are those @grpc/grpc-js-xds ships.
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as protoLoader from "@grpc/proto-loader";
import type { ServiceDefinition } from "@grpc/grpc-js";
import protobuf from "protobufjs";
import { repoRoot } from "./paths.js";

const DEPS = join(repoRoot, "node_modules/@grpc/grpc-js-xds/deps");
// protobufjs bundles the well-known types except descriptor.proto (which the annotations import); it ships that file.
const INCLUDES = [...["envoy-api", "googleapis", "xds", "protoc-gen-validate"].map((dir) => join(DEPS, dir)), join(repoRoot, "node_modules/protobufjs")];

let root: protobuf.Root | undefined;

/** The message type `name` (e.g. "envoy.service.ratelimit.v3.RateLimitRequest"), its files loaded once. */
export function envoyType(name: string): protobuf.Type {
  if (root === undefined) {
    root = new protobuf.Root();
    root.resolvePath = (_origin, target) => INCLUDES.map((dir) => join(dir, target)).find((path) => existsSync(path)) ?? target;
    root.loadSync(["envoy/service/ratelimit/v3/rls.proto", "envoy/service/auth/v3/external_auth.proto"], { keepCase: true });
  }
  return root.lookupType(name);
}

/** A message decoded by protobufjs, as plain data (enums as names, 64-bit ints as strings). */
export function decodeEnvoy(name: string, bytes: Uint8Array): Record<string, unknown> {
  const type = envoyType(name);
  return type.toObject(type.decode(bytes), { enums: String, longs: String, defaults: false }) as Record<string, unknown>;
}

/** The bytes protobufjs writes for `value` as message `name`. */
export function encodeEnvoy(name: string, value: Record<string, unknown>): Uint8Array {
  const type = envoyType(name);
  return type.encode(type.fromObject(value)).finish();
}

/**
 * Envoy's RateLimitService (rls.proto) as @grpc/grpc-js serves and calls it: field names as in the .proto, enums as
 * names, 64-bit ints as strings.
 */
export function rateLimitService(): ServiceDefinition {
  const definition = protoLoader.loadSync("envoy/service/ratelimit/v3/rls.proto", {
    includeDirs: ["envoy-api", "xds", "googleapis", "protoc-gen-validate"].map((dir) => join(DEPS, dir)),
    keepCase: true,
    enums: String,
    longs: String,
  });
  return definition["envoy.service.ratelimit.v3.RateLimitService"] as ServiceDefinition;
}
