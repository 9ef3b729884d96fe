import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/cli.js";
import { brief, load } from "./helpers.js";

describe("loading a case file", () => {
  it("turns a case into a host stream spec, plugin configuration text and typed expectations", () => {
    const { file, diagnostics } = load(`
config: { admin_networks: ["10.0.0.0/8"], strict: true }
logLevel: info
cases:
  - name: full request
    request:
      method: POST
      path: /admin?x=1
      host: shop.example
      scheme: https
      headers: { X-Token: abc, cookie: [a=1, b=2], content-length: 12 }
      body: hello
      source: 2001:db8::7
      destination: 8443
      principal: spiffe://cluster.local/ns/shop/sa/web
    response: { status: 503, headers: { server: envoy }, body: down }
    config: { strict: false }
    expect:
      upstream: { path: /x, method: { contains: PO }, headers: { x-a: [one, two], x-b: { matches: "^v\\\\d+$" } }, absent: [X-Internal] }
      local: false
      response: { status: 403, body: "forbidden\\n" }
      logs: [refused, { level: warn, message: exact line, matches: "^exact" }]
      metrics: { requests: 2 }
  - name: defaults
    config: "not json"
`);
    expect(diagnostics).toEqual([]);
    expect(file!.logLevel).toBe(2);
    const [full, defaults] = file!.cases;
    expect(full!.line).toBe(5);
    expect(full!.stream).toEqual({
      request: {
        method: "POST",
        path: "/admin?x=1",
        authority: "shop.example",
        scheme: "https",
        headers: [["x-token", "abc"], ["cookie", "a=1"], ["cookie", "b=2"], ["content-length", "12"]],
        body: "hello",
      },
      source: "[2001:db8::7]:51000",
      destination: "127.0.0.1:8443",
      connection: { mtls: true, uriSanPeerCertificate: "spiffe://cluster.local/ns/shop/sa/web" },
      response: { status: 503, headers: [["server", "envoy"]], body: "down" },
    });
    // The case's map is merged over the file's key by key; a string replaces it.
    expect(JSON.parse(full!.pluginConfig)).toEqual({ admin_networks: ["10.0.0.0/8"], strict: false });
    expect(defaults!.pluginConfig).toBe("not json");
    expect(defaults!.stream).toEqual({});

    const e = full!.expect;
    expect(e.upstream).toMatchObject({ reached: true, path: { kind: "exact", text: "/x" }, method: { kind: "contains", text: "PO" }, absent: ["x-internal"] });
    expect(e.upstream!.headers[0]).toEqual(["x-a", { kind: "values", values: ["one", "two"] }]);
    const matcher = e.upstream!.headers[1]![1];
    expect(matcher.kind === "matches" && matcher.pattern.test("v12")).toBe(true);
    expect(e.local).toEqual({ sent: false, headers: [], absent: [] });
    expect(e.response).toMatchObject({ status: 403, body: { kind: "exact", text: "forbidden\n" } });
    expect(e.logs![0]).toEqual({ texts: [{ kind: "contains", text: "refused" }] });
    expect(e.logs![1]!.level).toBe("warn");
    expect(e.logs![1]!.texts.map((t) => t.kind)).toEqual(["exact", "matches"]);
    expect(e.metrics).toEqual([["requests", 2]]);
  });

  it("points at unknown keys with a did-you-mean, or says where a key belongs", () => {
    const { diagnostics, source, rendered } = load(`confg: {}
cases:
  - name: a
    respons: { status: 200 }
    expect:
      status: 403
      upstream: { header: { a: b } }
      response: { headers: { x: { contain: y } } }
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0603 1:1 unknown key `confg` | did you mean `config`?",
      "E0603 4:5 unknown key `respons` in `cases[0]` | did you mean `response`?",
      "E0603 6:7 unknown key `status` in `cases[0].expect` | `status` goes under `response`: `cases[0].expect.response.status`",
      "E0603 7:19 unknown key `header` in `cases[0].expect.upstream` | did you mean `headers`?",
      "E0603 8:35 unknown key `contain` in `cases[0].expect.response.headers.x` | did you mean `contains`?",
    ]);
    // The CLI's rendering: code, file:line:col, the source line, a caret under the key, the hint.
    expect(rendered).toContain(["error[E0603]: unknown key `confg`", " --> cases.test.yaml:1:1", "  |", "1 | confg: {}", "  | ^^^^^", "  = hint: did you mean `config`?"].join("\n"));
  });

  it("explains values of the wrong type, out of range, not allowed, or malformed", () => {
    const { diagnostics, source } = load(`cases:
  - name: a
    request: { method: "G T", scheme: ftp, source: "10.0.0.300:5", destination: 70000, headers: { "Bad Header": x } }
    config: [1]
    expect:
      upstream: { path: 3 }
      response: { status: "403", body: { matches: "(" } }
      local: { status: 999 }
      logs: [{ level: warning }, 5]
      metrics: { hits: many }
`);
    expect(diagnostics.map((d) => brief(source, d))).toEqual([
      "E0606 3:24 `cases[0].request.method` is not an HTTP method: \"G T\" | e.g. `GET`, `POST`, `DELETE`",
      "E0605 3:39 `cases[0].request.scheme` must be `http` or `https`, found \"ftp\"",
      "E0606 3:52 `cases[0].request.source` is not an IP address or IP:port (10.0.0.300:5): 300 is larger than 255 | e.g. `203.0.113.9`, `203.0.113.9:5555`, `2001:db8::1` or `[2001:db8::1]:443`",
      "E0607 3:81 `cases[0].request.destination` must be between 1 and 65535, found 70000",
      "E0606 3:99 `Bad Header` in `cases[0].request.headers` is not a header name | header names are letters, digits and `-` (e.g. `x-request-id`); pseudo-headers start with `:`",
      "E0604 4:13 `cases[0].config` must be a map or a string, found a list",
      "E0604 6:25 `cases[0].expect.upstream.path` must be a string or a map, found 3",
      "E0604 7:27 `cases[0].expect.response.status` must be a whole number, found \"403\" | remove the quotes: `status: 403`",
      expect.stringMatching(/^E0613 7:51 `cases\[0\]\.expect\.response\.body\.matches` is not a valid regular expression: unterminated group \| escape/),
      "E0607 8:24 `cases[0].expect.local.status` must be between 100 and 599, found 999 | HTTP statuses are 100 to 599",
      "E0605 9:23 `cases[0].expect.logs[0].level` must be `trace`, `debug`, `info`, `warn`, `error` or `critical`, found \"warning\" | did you mean `warn`?",
      "E0604 9:34 `cases[0].expect.logs[1]` must be a string or a map, found 5",
      "E0604 10:24 `cases[0].expect.metrics.hits` must be a whole number or a map, found \"many\"",
    ]);
  });

  it("requires names, unique names and at least one case", () => {
    const names = load("cases:\n  - name: twice\n  - name: twice\n  - request: {}\n");
    expect(names.diagnostics.map((d) => brief(names.source, d))).toEqual([
      "E0610 3:11 another case is already named `twice` (line 2) | give each case a name of its own",
      "E0608 4:5 `cases[2]` has no `name` | give every case a `name` that says what it shows",
    ]);
    const empty = load("cases: []\n");
    expect(empty.diagnostics.map((d) => brief(empty.source, d))).toEqual(["E0614 1:8 `cases` is empty: there is nothing to test | add a case with a `name`, a `request` and what to `expect`"]);
    const none = load("config: {}\n");
    expect(none.diagnostics.map((d) => d.code)).toEqual(["E0608"]);
    expect(none.diagnostics[0]!.message).toBe("the file has no `cases`");
  });

  it("reports YAML mistakes: syntax, duplicate keys, a list at the top", () => {
    const syntax = load("cases:\n  - name: a\n     request: { path: / }\n");
    expect(syntax.diagnostics.map((d) => d.code)).toEqual(["E0601"]);
    expect(syntax.diagnostics[0]!.hint).toContain("indentation");
    const duplicate = load("cases:\n  - name: a\n    request:\n      headers:\n        cookie: a\n        cookie: b\n");
    expect(duplicate.diagnostics.map((d) => brief(duplicate.source, d))).toEqual([
      "E0609 6:9 key `cookie` appears twice in the same map | keep one of them; to send a header twice, give it a list: `cookie: [a=1, b=2]`",
    ]);
    const list = load("- name: a\n");
    expect(list.diagnostics.map((d) => brief(list.source, d))).toEqual(["E0602 1:1 a case file must be a map with a `cases` list, found a list | put the cases under a `cases:` key"]);
    expect(load("").diagnostics[0]!.message).toContain("found an empty file");
  });

  it("resolves `rules` against the case file, and lets the command line win with a warning", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "tests"));
    writeFileSync(join(dir, "gate.fw"), 'on response_headers set "a" = "1"\n');
    const text = "rules: ../gate.fw\ncases:\n  - name: a\n";
    const found = load(text, {}, join(dir, "tests", "gate.test.yaml"));
    expect(found.diagnostics).toEqual([]);
    expect(found.file!.rules).toBe(join(dir, "gate.fw"));

    const missing = load("rules: gate.fw\ncases:\n  - name: a\n", {}, join(dir, "tests", "gate.test.yaml"));
    expect(missing.diagnostics.map((d) => brief(missing.source, d))).toEqual([
      `E0611 1:8 the rule file ${join(dir, "tests", "gate.fw")} does not exist | \`rules\` is relative to the directory of the case file`,
    ]);

    const overridden = load(text, { rulesGiven: "other.fw" }, join(dir, "tests", "gate.test.yaml"));
    expect(overridden.file).toBeDefined();
    expect(overridden.diagnostics.map((d) => [d.code, d.severity])).toEqual([["E0612", "warning"]]);
    expect(overridden.rendered).toContain("warning[E0612]: `rules` names ../gate.fw, but the command line names other.fw");
  });
});
