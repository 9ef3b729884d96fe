/**
 * `random()` and `uuid()` in the reference interpreter against the compiled filter in host/: given host/'s
 * generator, both take the same values in the same order, across requests of one loaded filter (the pool outlives a
 * request) and across pool refills (a value that does not fit what is left of the 256 bytes).
 */
import { describe, expect, it } from "vitest";
import { firstMismatch } from "./differential.js";
import { freshWorker, interpret } from "./interpreter.js";
import { exchangeOf, type Exchange, type Header } from "./model.js";

const values = (headers: readonly Header[] | undefined, name: string) => (headers ?? []).filter(([k]) => k === name).map(([, v]) => v);
const exchanges = (n: number): Exchange[] => Array.from({ length: n }, (_, i) => exchangeOf({ request: { path: `/p${i}`, headers: [["x-request-id", `r${i}`]] } }));

describe("random() and uuid(): the interpreter and the compiled filter", () => {
  it("agree value for value over 40 requests, with ints and uuids interleaved across pool refills", async () => {
    // 4 + 16 + 4 + 16 = 40 bytes a request: the 256-byte pool runs out mid-request, with bytes left over.
    const program = [
      'on request_headers set "x-r" = "${random()}"',
      'on request_headers set "x-u" = uuid()',
      'on request_headers set "x-both" = "${random() % 100}/${uuid()}"',
    ].join("\n");
    const traffic = exchanges(40);
    expect(await firstMismatch(program, "", traffic)).toBeUndefined();
    const worker = freshWorker();
    const outcomes = traffic.map((e) => interpret(program, e, "", worker));
    const uuids = outcomes.flatMap((o) => values(o.upstream, "x-u"));
    expect(new Set(uuids).size).toBe(40);
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("agree on which evaluations happen: short-circuits, else branches, set_default, local replies", async () => {
    const program = [
      'rule "sample" on request_headers when request.path == "/p1" or random() % 2 == 0 set "x-sample" = "${random()}"',
      'on request_headers when request.path == "/p3" and random() < 4294967296 { set "x-a" = "1" } else when random() % 3 == 0 { set "x-b" = uuid() } else { set "x-c" = "${random()}" }',
      'on request_headers set_default "x-trace" = uuid()',
      'on request_headers when request.path == "/p5" deny 403 "${uuid()}"',
      'on local_reply set "x-reply-id" = uuid()',
      'on response_headers set "x-resp" = "${hash(uuid()) % 10}"',
    ].join("\n");
    // Every other request brings its own x-trace, so the set_default that would take a uuid does nothing.
    const traffic = exchanges(12).map((e, i) => (i % 2 === 0 ? e : { ...e, request: { ...e.request, headers: [...e.request.headers, ["x-trace", "given"] as const] } }));
    expect(await firstMismatch(program, "", traffic)).toBeUndefined();
  });

  // The filter used to compute a set_default's value before looking for the header, so a uuid() was used up on
  // every request that brought its own (found by the differential test once it generated random() and uuid()).
  it("a set_default's value is computed only when the header is absent, in both phases and in local_reply", async () => {
    const program = [
      'on request_headers set_default "x-trace" = uuid()',
      'on request_headers set "x-next" = "${random()}"',
      'on request_headers when request.path == "/p3" deny 403',
      'on local_reply set "x-reply" = "fixed"',
      'on local_reply set_default "x-reply" = uuid()',
      'on local_reply set_default "x-reply-id" = uuid()',
      'on local_reply set "x-reply-next" = "${random()}"',
      'on response_headers set_default "x-served-by" = "${random() % 10}"',
    ].join("\n");
    const traffic = exchanges(8).map((e, i) => {
      const own: [string, string][] = i % 2 === 1 ? [["x-trace", "given"]] : [];
      return { ...e, request: { ...e.request, headers: [...e.request.headers, ...own] }, response: { ...e.response, headers: i % 4 === 0 ? [["x-served-by", "app"] as const] : [] } };
    });
    expect(await firstMismatch(program, "", traffic)).toBeUndefined();
    const worker = freshWorker();
    const outcomes = traffic.map((e) => interpret(program, e, "", worker));
    expect(values(outcomes[1]!.upstream, "x-trace")).toEqual(["given"]);
    expect(values(outcomes[3]!.local?.headers, "x-reply")).toEqual(["fixed"]);
    expect(values(outcomes[3]!.local?.headers, "x-reply-id")[0]).toMatch(/^[0-9a-f]{8}-/);
    expect(values(outcomes[0]!.response, "x-served-by")).toEqual(["app"]);
  });

  it("a 10% sample with random() takes about a tenth of 2,000 requests, in both", async () => {
    const program = 'on request_headers when random() < 429496730 set "x-sampled" = "1"';
    const traffic = exchanges(2000);
    expect(await firstMismatch(program, "", traffic)).toBeUndefined();
    const worker = freshWorker();
    const sampled = traffic.filter((e) => values(interpret(program, e, "", worker).upstream, "x-sampled").length > 0).length;
    expect(sampled).toBeGreaterThan(160);
    expect(sampled).toBeLessThan(240);
  });
});
