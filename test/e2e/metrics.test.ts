import { describe, expect, it } from "vitest";
import { loadHost } from "../../host/index.js";
import { compileText, hostFor } from "../support/compile.js";

/** The host's metrics as name -> value (histograms: [sum, samples]). */
function values(host: Awaited<ReturnType<typeof hostFor>>): Record<string, number | [number, number]> {
  return Object.fromEntries([...host.metrics()].map(([name, m]) => [name, m.type === "histogram" ? [Number(m.value), Number(m.count)] : Number(m.value)]));
}

describe("count and observe", () => {
  it("counts requests in a counter named with the filter's prefix, one host call each", async () => {
    const host = await hostFor('on request_headers count "requests"\non request_headers when request.path == "/admin" count "admin.requests"');
    for (let i = 0; i < 5; i++) host.runStream({ request: { path: "/" } });
    host.runStream({ request: { path: "/admin" } });
    expect(values(host)).toEqual({ "filterc.test.requests": 6, "filterc.test.admin.requests": 1 });

    const without = await hostFor('on request_headers when request.path == "/admin" count "admin.requests"');
    const plain = without.runStream({ request: { path: "/" } });
    const counted = host.runStream({ request: { path: "/" } });
    // proxy_increment_metric, and nothing else.
    expect(counted.hostCalls).toBe(plain.hostCalls + 1);
  });

  it("takes its prefix from the compile options", async () => {
    const host = await loadHost(await compileText('on request_headers count "requests"', "test.fw", { metricPrefix: "edge." }));
    host.runStream({});
    expect(values(host)).toEqual({ "edge.requests": 1 });
  });

  it("records int values in a histogram, leaving out absent and negative ones", async () => {
    const host = await hostFor('on response_headers observe "status" response.status\non request_headers observe "id_bytes" size(request.header["x-id"]) - 2');
    host.runStream({ request: { headers: { "x-id": "abcde" } }, response: { status: 200 } });
    host.runStream({ request: { headers: { "x-id": "a" } }, response: { status: 404 } });
    host.runStream({ response: { status: 503 } });
    expect(values(host)).toEqual({ "filterc.test.status": [1107, 3], "filterc.test.id_bytes": [3, 1] });
  });

  it("keeps the first 16 label values a worker sees and counts later ones as `other`", async () => {
    const host = await hostFor('on request_headers count "requests" by request.header["x-tenant"]');
    for (let round = 0; round < 2; round++) {
      for (let t = 0; t < 20; t++) host.runStream({ request: { headers: { "x-tenant": `t${t}` } } });
    }
    host.runStream({});
    host.runStream({ request: { headers: { "x-tenant": "" } } });
    const counted = values(host);
    for (let t = 0; t < 16; t++) expect(counted[`by=.=t${t};.;filterc.test.requests`]).toBe(2);
    // t16..t19 twice each, the absent and the empty value.
    expect(counted["by=.=other;.;filterc.test.requests"]).toBe(10);
    expect(Object.keys(counted)).toHaveLength(17);
  });

  it("writes a value's other characters as `_` and keeps 64 bytes of it", async () => {
    const host = await hostFor('on request_headers count "requests" by request.header["x-tenant"] limit 2');
    host.runStream({ request: { headers: { "x-tenant": "a.b;c=d" } } });
    host.runStream({ request: { headers: { "x-tenant": "x".repeat(100) } } });
    host.runStream({ request: { headers: { "x-tenant": "x".repeat(64) + "y" } } });
    host.runStream({ request: { headers: { "x-tenant": "fourth" } } });
    host.runStream({ request: { headers: { "x-tenant": "a.b;c=d" } } });
    expect(values(host)).toEqual({
      "by=.=other;.;filterc.test.requests": 1,
      "by=.=a_b_c_d;.;filterc.test.requests": 2,
      [`by=.=${"x".repeat(64)};.;filterc.test.requests`]: 2,
    });
  });

  it("counts only the listed values, the rest as `other`", async () => {
    const host = await hostFor('on request_headers count "methods" by request.method only ["GET", "POST"]');
    for (const method of ["GET", "GET", "POST", "PUT", "DELETE", "get"]) host.runStream({ request: { method } });
    expect(values(host)).toEqual({ "by=.=GET;.;filterc.test.methods": 2, "by=.=POST;.;filterc.test.methods": 1, "by=.=other;.;filterc.test.methods": 3 });
  });

  it("counts ints by their digits, and keeps the values a worker has seen over a reconfiguration", async () => {
    const host = await hostFor('param limit = 1\non response_headers when limit > 0 count "statuses" by response.status limit 2');
    host.runStream({ response: { status: 200 } });
    host.runStream({ response: { status: 404 } });
    expect(host.reconfigure('{"limit": 2}')).toBe(true);
    host.runStream({ response: { status: 200 } });
    host.runStream({ response: { status: 500 } });
    expect(values(host)).toEqual({ "by=.=200;.;filterc.test.statuses": 2, "by=.=404;.;filterc.test.statuses": 1, "by=.=other;.;filterc.test.statuses": 1 });
  });

  it("does not grow memory over many labelled requests", async () => {
    const host = await hostFor('on request_headers count "requests" by request.header["x-tenant"]\non request_headers count "all"');
    for (let i = 0; i < 100; i++) host.runStream({ request: { headers: { "x-tenant": `t${i % 40}` } } });
    const pages = host.memoryPages();
    for (let i = 0; i < 2000; i++) host.runStream({ request: { headers: { "x-tenant": `t${i % 40}-${"z".repeat(i % 200)}` } } });
    expect(host.memoryPages()).toBe(pages);
    expect(values(host)["filterc.test.all"]).toBe(2100);
  });

  it("counts each rule's firings with countRules", async () => {
    const rules = 'rule "admin" on request_headers when request.path == "/admin" deny 403\non response_headers set "x" = "y"';
    const host = await loadHost(await compileText(rules, "test.fw", { countRules: true }));
    host.runStream({ request: { path: "/admin" } });
    host.runStream({ request: { path: "/" } });
    // The denied stream's answer is a local reply: response_headers rules do not run on it.
    expect(values(host)).toEqual({ "rule=.=admin;.;filterc.test.rule_fired": 1, "rule=.=rule_2;.;filterc.test.rule_fired": 1 });
  });

  it("adds nothing to a program without metrics", async () => {
    const rules = 'on request_headers set "x" = "y"';
    expect(await compileText(rules, "test.fw", { metricPrefix: "other." })).toEqual(await compileText(rules, "test.fw"));
  });
});
