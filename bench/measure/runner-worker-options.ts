// What a runner worker (runner-worker.ts) builds from its setup, importable without starting a worker.
import type { HostOptions, HttpCallReply } from "../../host/index.js";

/**
 * The host options with `replies` as scripted clusters answering every proxy_http_call with the same reply: a
 * worker gets its setup as structured-cloned data, which cannot carry the functions a cluster is.
 */
export function withHttpReplies(options: HostOptions, replies: Readonly<Record<string, HttpCallReply>> | undefined): HostOptions {
  if (replies === undefined) return options;
  return { ...options, clusters: Object.fromEntries(Object.entries(replies).map(([name, reply]) => [name, () => reply])) };
}
