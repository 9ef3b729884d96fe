/**
 * A gRPC cluster of host/ backed by a real gRPC server (`--cluster name=grpc://host:port`): every proxy_grpc_call
 * and proxy_grpc_stream of the filter goes to that server over HTTP/2 through @grpc/grpc-js, the way Envoy's
 * async gRPC client sends it to the cluster (source/common/grpc/async_client_impl.cc).
 *
 * The filter's messages are already serialized protobuf, so the serializers pass bytes through: what the filter
 * sent is what the server reads, and the server's bytes are what the filter reads. The call is made as a
 * bidirectional stream whatever the method's kind, since on the wire a unary call is a stream of one message
 * each way; host/ then applies the unary rules (one message, OK without a message is INTERNAL).
 */

import { Client, credentials, Metadata, status as GrpcCode, type ServiceError, type StatusObject } from "@grpc/grpc-js";
import { GRPC_TIMEOUT_MESSAGE, type GrpcAnswer, type GrpcAnswerFunction, type GrpcCallRequest, type HeaderList } from "../host/index.js";

export interface GrpcForwarder {
  /** The cluster spec for HostOptions.grpcClusters: it answers every method by asking the server. */
  readonly spec: GrpcAnswerFunction;
  /** Closes the HTTP/2 connection; calls still running end with CANCELLED. */
  close(): void;
}

/** A server as "host:port" ("[::1]:port" for IPv6), e.g. a parsed --cluster flag's authority. */
export function grpcForwarder(target: { readonly authority: string }): GrpcForwarder {
  const client = new Client(target.authority, credentials.createInsecure());
  return {
    spec: (request, signal) => forward(client, request, signal),
    close: () => client.close(),
  };
}

const passThrough = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const received = (bytes: Buffer): Uint8Array => bytes;

function forward(client: Client, request: GrpcCallRequest, signal: AbortSignal): Promise<GrpcAnswer> {
  let metadata: Metadata;
  try {
    metadata = metadataOf(request.initialMetadata);
  } catch (error) {
    // Envoy would send any header; grpc-js refuses keys and values HTTP/2 does not allow, so say which.
    return Promise.resolve({ status: GrpcCode.INTERNAL, statusMessage: `initial metadata not sendable: ${(error as Error).message}` });
  }
  // The deadline travels to the server as grpc-timeout, as Envoy's router sets it from the call's timeout.
  const options = request.timeoutMs > 0 ? { deadline: Date.now() + request.timeoutMs } : {};
  const path = `/${request.service}/${request.method}`;
  let call: ReturnType<typeof client.makeBidiStreamRequest<Uint8Array, Uint8Array>>;
  try {
    call = client.makeBidiStreamRequest<Uint8Array, Uint8Array>(path, passThrough, received, metadata, options);
  } catch (error) {
    // A closed forwarder (the proxy is shutting down) has no channel left.
    return Promise.resolve({ status: GrpcCode.UNAVAILABLE, statusMessage: (error as Error).message });
  }
  return new Promise((resolve) => {
    const messages: Uint8Array[] = [];
    let initialMetadata: HeaderList = [];
    call.on("metadata", (m: Metadata) => (initialMetadata = headerListOf(m)));
    call.on("data", (message: Uint8Array) => messages.push(message));
    // A non-OK status is also emitted as "error"; "status" alone carries everything, the handler only keeps the
    // stream from throwing.
    call.on("error", (_error: ServiceError) => {});
    call.on("status", (s: StatusObject) => {
      signal.removeEventListener("abort", cancel);
      resolve({ initialMetadata, messages, trailingMetadata: headerListOf(s.metadata), status: s.code, statusMessage: messageOf(s) });
    });
    const cancel = (): void => call.cancel();
    if (signal.aborted) cancel();
    else signal.addEventListener("abort", cancel);
    for (const message of request.messages) call.write(message);
    call.end();
  });
}

/**
 * grpc-js reports its own deadline as "Deadline exceeded after …"; Envoy's client reports the router's timeout
 * message, which host/ gives when its own timer fires, so both races end the same.
 */
function messageOf(s: StatusObject): string {
  if (s.code === GrpcCode.DEADLINE_EXCEEDED && s.details.startsWith("Deadline exceeded")) return GRPC_TIMEOUT_MESSAGE;
  return s.details;
}

/** Binary (-bin) values are base64 on the wire, which is how a filter writes and reads them through Envoy. */
function metadataOf(list: HeaderList): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of list) metadata.add(key, key.endsWith("-bin") ? Buffer.from(value, "base64") : value);
  return metadata;
}

function headerListOf(metadata: Metadata): HeaderList {
  const list: HeaderList = [];
  // getMap keeps one value per key; get() has them all.
  for (const key of Object.keys(metadata.getMap())) {
    for (const value of metadata.get(key)) list.push([key, typeof value === "string" ? value : value.toString("base64")]);
  }
  return list;
}
