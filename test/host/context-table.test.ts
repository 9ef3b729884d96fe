import { describe, expect, it } from "vitest";
import { ContextTable } from "../../host/context-table.js";
import { RootContext } from "../../host/root-context.js";
import type { HttpStream } from "../../host/stream.js";

// Streams live in an array, not the Map: lookups and deletes must still find any open stream, whatever order
// streams close in.
describe("a VM's context table", () => {
  const plugin = { name: "", rootId: "", vmId: "", configuration: new Uint8Array(0), vmConfiguration: new Uint8Array(0) };
  const stream = (id: number): HttpStream => ({ kind: "stream", id }) as HttpStream;

  it("finds roots and open streams by id, and forgets them once deleted in any order", () => {
    const table = new ContextTable();
    const root = new RootContext(1, plugin);
    table.set(1, root);
    const streams = [2, 3, 4, 5].map(stream);
    for (const s of streams) table.set(s.id, s);
    expect(table.get(1)).toBe(root);
    expect(table.get(4)).toBe(streams[2]);
    table.delete(3); // a middle one
    table.delete(5); // the newest
    table.delete(2); // the oldest
    expect(table.has(3) || table.has(5) || table.has(2)).toBe(false);
    expect(table.get(4)).toBe(streams[2]);
    expect([...table.rootContexts()]).toEqual([root]);
    table.delete(1);
    expect(table.has(1)).toBe(false);
    expect(table.get(99)).toBeUndefined();
  });
});
