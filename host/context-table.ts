/**
 * A VM's live contexts by id. Root contexts live in a Map; streams, made and dropped on every request, in a short
 * array: a Map set and delete per stream cost more than the rest of a stream's bookkeeping, because the growing
 * ids kept refilling its table with deleted entries until it was rebuilt.
 */

import type { RootContext } from "./root-context.js";
import type { HttpStream } from "./stream.js";

export type Context = RootContext | HttpStream;

export class ContextTable {
  private readonly roots = new Map<number, RootContext>();
  /** Open streams, oldest first (usually one at a time). */
  private readonly streams: HttpStream[] = [];

  get(id: number): Context | undefined {
    return this.roots.get(id) ?? this.stream(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, ctx: Context): void {
    if (ctx.kind === "root") this.roots.set(id, ctx);
    else this.streams.push(ctx);
  }

  delete(id: number): void {
    if (this.roots.delete(id)) return;
    const streams = this.streams;
    // Streams usually close in the order they were opened, or the newest first.
    if (streams.length > 0 && streams[streams.length - 1]!.id === id) {
      streams.pop();
      return;
    }
    const at = streams.findIndex((s) => s.id === id);
    if (at >= 0) streams.splice(at, 1);
  }

  /** The root contexts, in the order they were made. */
  rootContexts(): IterableIterator<RootContext> {
    return this.roots.values();
  }

  private stream(id: number): HttpStream | undefined {
    const streams = this.streams;
    for (let i = streams.length - 1; i >= 0; i--) if (streams[i]!.id === id) return streams[i];
    return undefined;
  }
}
