/**
 * The service argument of proxy_grpc_call and proxy_grpc_stream. Envoy's Context::grpcCall/grpcStream
 * (source/extensions/common/wasm/context.cc) first try to parse it as a serialized
 * envoy.config.core.v3.GrpcService; only if that parse fails is it a cluster name. So the decision needs protobuf's
 * idea of well-formed bytes, which this file provides for the few fields that matter.
 */

/** What the argument names: a cluster by name, or a serialized GrpcService (with its envoy_grpc cluster, if any). */
export type GrpcTarget =
  | { readonly kind: "cluster-name"; readonly cluster: string }
  | { readonly kind: "grpc-service"; readonly envoyCluster?: string; readonly googleGrpc: boolean };

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** GrpcService fields that are messages (envoy_grpc 1, google_grpc 2, timeout 3, initial_metadata 5, retry_policy 6). */
const GRPC_SERVICE_MESSAGE_FIELDS = new Set([1, 2, 3, 5, 6]);

export function grpcTarget(service: Uint8Array): GrpcTarget {
  const parsed = parseGrpcService(service);
  if (parsed !== undefined) return parsed;
  return { kind: "cluster-name", cluster: new TextDecoder().decode(service) };
}

/** A GrpcService as protobuf's ParseFromString would accept it, or undefined (not one). */
function parseGrpcService(bytes: Uint8Array): GrpcTarget | undefined {
  let envoyCluster: string | undefined;
  let googleGrpc = false;
  const ok = forEachField(bytes, (field, wire, value) => {
    if (!GRPC_SERVICE_MESSAGE_FIELDS.has(field)) return true;
    if (wire !== WIRE_LENGTH || !(value instanceof Uint8Array)) return false;
    if (field === 1) {
      const cluster = parseEnvoyGrpc(value);
      if (cluster === undefined) return false;
      envoyCluster = cluster;
    } else if (field === 2) {
      googleGrpc = true;
    }
    return forEachField(value, () => true);
  });
  if (!ok) return undefined;
  return envoyCluster === undefined ? { kind: "grpc-service", googleGrpc } : { kind: "grpc-service", envoyCluster, googleGrpc };
}

/** GrpcService.EnvoyGrpc: cluster_name (1) and authority (2) are strings, which proto3 requires to be UTF-8. */
function parseEnvoyGrpc(bytes: Uint8Array): string | undefined {
  let cluster = "";
  const ok = forEachField(bytes, (field, wire, value) => {
    if (field !== 1 && field !== 2) return true;
    if (wire !== WIRE_LENGTH || !(value instanceof Uint8Array)) return false;
    let text: string;
    try {
      text = strictUtf8.decode(value);
    } catch {
      return false;
    }
    if (field === 1) cluster = text;
    return true;
  });
  return ok ? cluster : undefined;
}

/**
 * Walks the protobuf wire format; false if it is malformed (a bad tag, a truncated value, field number 0, a
 * group) or if `visit` rejects a field.
 */
function forEachField(bytes: Uint8Array, visit: (field: number, wire: number, value: Uint8Array | number) => boolean): boolean {
  let at = 0;
  const varint = (): number | undefined => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= bytes.length) return undefined;
      const byte = bytes[at++]!;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    return undefined;
  };
  while (at < bytes.length) {
    const tag = varint();
    if (tag === undefined) return false;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0 || field > 0x1fffffff) return false;
    let value: Uint8Array | number;
    if (wire === WIRE_VARINT) {
      const v = varint();
      if (v === undefined) return false;
      value = v;
    } else if (wire === WIRE_FIXED64 || wire === WIRE_FIXED32) {
      const size = wire === WIRE_FIXED64 ? 8 : 4;
      if (at + size > bytes.length) return false;
      value = bytes.subarray(at, at + size);
      at += size;
    } else if (wire === WIRE_LENGTH) {
      const length = varint();
      if (length === undefined || at + length > bytes.length) return false;
      value = bytes.subarray(at, at + length);
      at += length;
    } else {
      return false;
    }
    if (!visit(field, wire, value)) return false;
  }
  return true;
}

/** A serialized GrpcService { envoy_grpc { cluster_name } }, as SDKs build one (for tests and embedders). */
export function encodeEnvoyGrpcService(cluster: string): Uint8Array {
  const name = new TextEncoder().encode(cluster);
  const envoyGrpc = [0x0a, ...lengthPrefix(name.length), ...name];
  return new Uint8Array([0x0a, ...lengthPrefix(envoyGrpc.length), ...envoyGrpc]);
}

function lengthPrefix(length: number): number[] {
  const out: number[] = [];
  let n = length;
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
