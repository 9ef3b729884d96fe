import type { GrpcAnswer, GrpcMethods } from "../../host/index.js";
import { isMap } from "./case-checks.js";
import { headerList } from "./case-model.js";

/**
 * The `grpc` lists of a case file as the host's gRPC services: the file's declarations with the case's on top (a
 * case entry for the same cluster, service and method replaces the file's). The data passed the schema.
 */

type Data = Record<string, unknown>;

export function grpcClustersOf(fileList: unknown, caseList: unknown): Record<string, GrpcMethods> {
  const clusters: Record<string, GrpcMethods> = {};
  for (const list of [fileList, caseList]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as Data[]) {
      const cluster = (clusters[entry.cluster as string] ??= {});
      cluster[`${entry.service as string}/${entry.method as string}`] = answerOf(entry);
    }
  }
  return clusters;
}

function answerOf(entry: Data): GrpcAnswer {
  if (entry.noAnswer === true) return "no-answer";
  const answer: Exclude<GrpcAnswer, "no-answer"> = {};
  if (isMap(entry.message)) answer.message = bytesOf(entry.message);
  if (typeof entry.status === "number") answer.status = entry.status;
  if (typeof entry.statusMessage === "string") answer.statusMessage = entry.statusMessage;
  if (typeof entry.delay === "number") answer.delayMs = entry.delay;
  const initial = headerList(entry.initialMetadata);
  if (initial !== undefined) answer.initialMetadata = initial;
  const trailing = headerList(entry.trailingMetadata);
  if (trailing !== undefined) answer.trailingMetadata = trailing;
  return answer;
}

/** `{ base64: ... }` or `{ hex: ... }`, both checked by the schema's patterns. */
function bytesOf(message: Data): Uint8Array {
  const bytes = typeof message.base64 === "string" ? Buffer.from(message.base64, "base64") : Buffer.from(String(message.hex), "hex");
  return new Uint8Array(bytes);
}
