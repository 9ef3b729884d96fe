import { describe, expect, it } from "vitest";
import { parseIpOrCidr, type IpRange } from "../../compiler/net.js";
import { loadHost } from "../../host/index.js";
import { compileText, header } from "../support/compile.js";

// The runtime reads addresses and the plugin configuration's JSON with its own small parsers (runtime/net.ts,
// runtime/config.ts); these tests hold them to the compiler's reading of addresses and to JSON's.

/** Whether `address` lies in `range`, bit by bit. */
function inRange(address: Uint8Array, range: IpRange): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((address[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

const warnings = (logs: readonly { level: number; message: string }[]) => logs.filter((l) => l.level === 3).map((l) => l.message);

describe("addresses: the runtime agrees with the compiler", () => {
  const rules = 'param nets = ["10.0.0.0/8"]\non request_headers when source.address in nets set "x-in" = "1"';

  it("matches configured ranges against peer addresses, IPv4 and IPv6, with :: anywhere and embedded IPv4", async () => {
    const host = await loadHost(await compileText(rules), { logLevel: 0 });
    const ranges = ["10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "::/0", "2001:db8::/32", "::ffff:10.0.0.0/104", "fe80::/10", "::1", "1:2:3:4:5:6:7:8/127", "1::8/125", "10.1.2.3"];
    const addresses = ["10.1.2.3", "10.255.0.1", "192.168.1.9", "192.168.2.9", "8.8.8.8", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:db9::1", "fe80::abcd", "::ffff:10.9.9.9", "1:2:3:4:5:6:7:9", "1:2:3:4:5:6:7:a", "1::f", "1::10"];
    for (const range of ranges) {
      // A new configuration goes to a canary VM first, then to the running one: its warnings would come twice.
      expect(host.reconfigure(JSON.stringify({ nets: [range] }))).toBe(true);
      expect(warnings(host.logs), range).toEqual([]);
      for (const address of addresses) {
        const result = host.runStream({ source: address.includes(":") ? `[${address}]:80` : `${address}:80` });
        const expected = inRange(parseIpOrCidr(address)!.bytes, parseIpOrCidr(range)!);
        expect(header(result.upstreamRequest!.headers, "x-in") === "1", `${address} in ${range}`).toBe(expected);
      }
    }
  });

  it("refuses a configured entry that is not an address or range, keeping the default with a warning", async () => {
    const wasm = await compileText(rules);
    const bad = ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1..2.3", "1.2.3.4a", "1::2::3", ":1::", "1:::", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "1:2:3", "12345::", "::ffff:1.2.3", "::1.2.3.4:5", "10.0.0.0/33", "::/129", "10.0.0.0/", "not-an-ip",
      // Leading zeros: some parsers read `010` as octal, so neither side guesses.
      "010.0.0.1", "10.0.0.00", "10.0.0.0/08", "10.0.0.0/0008", "::/0128"];
    for (const entry of bad) {
      expect(parseIpOrCidr(entry), entry).toBeUndefined();
      const host = await loadHost(wasm, { logLevel: 0, pluginConfig: JSON.stringify({ nets: [entry] }) });
      expect(warnings(host.logs), entry).toEqual(["plugin configuration: wrong type, default kept for nets"]);
      expect(header(host.runStream({ source: "10.0.0.1:80" }).upstreamRequest!.headers, "x-in"), entry).toBe("1");
    }
  });

  it("reads source.address without its port also in forms Envoy does not send", async () => {
    const host = await loadHost(await compileText(`${rules.replace('"10.0.0.0/8"', '"10.0.0.0/8", "::1"')}\non request_headers set "x-ip" = source.address`), { logLevel: 0 });
    // Bracketed, the first `]` ends the address; otherwise exactly one colon is a port's.
    const cases = [["[::1]", "::1", true], ["[::1", "[::1", false], ["[::1]x]:80", "::1", true], ["[10.0.0.1]:5", "10.0.0.1", true], ["::1", "::1", true], ["10.0.0.1", "10.0.0.1", true], ["10.0.0.1:80:90", "10.0.0.1:80:90", false]] as const;
    for (const [source, ip, inside] of cases) {
      const headers = host.runStream({ properties: { "source.address": source } }).upstreamRequest!.headers;
      expect([header(headers, "x-ip"), header(headers, "x-in") === "1"], source).toEqual([ip, inside]);
    }
  });

  it("keeps reading after a refused address list, however long, without running out of memory", async () => {
    const host = await loadHost(await compileText(`param s = "d"\n${rules}\non request_headers set "x-s" = s`), { logLevel: 0 });
    // Items that are no address, many of them: a refused list's table must not take room from what follows.
    for (const count of [14_000, 29_000, 58_000, 116_000]) {
      const config = `{"nets": [${Array<string>(count).fill('""').join(",")}], "s": "after"}`;
      expect(host.reconfigure(config), String(count)).toBe(true);
      expect(warnings(host.logs).at(-1), String(count)).toBe("plugin configuration: wrong type, default kept for nets");
      const headers = host.runStream({ source: "10.0.0.1:80" }).upstreamRequest!.headers;
      expect([header(headers, "x-s"), header(headers, "x-in")], String(count)).toEqual(["after", "1"]);
    }
  });
});

describe("plugin configuration: JSON", () => {
  const rules = 'param s = "d"\nparam i = 3\nparam b = false\nparam l = ["a"]\n' +
    'on request_headers set "x-v" = "${s}|${i}|${b}"\non request_headers when request.header["x-l"] in l set "x-l" = "in"';
  const wasm = compileText(rules);
  const values = async (config: string, listItem = "a") => {
    const host = await loadHost(await wasm, { logLevel: 0, pluginConfig: config });
    const headers = host.runStream({ request: { headers: { "x-l": listItem } } }).upstreamRequest!.headers;
    return { v: header(headers, "x-v"), inList: header(headers, "x-l") === "in", warnings: warnings(host.logs) };
  };

  it("decodes escapes, numbers and literals as JSON.parse does, skipping nested values of unknown keys", async () => {
    const config = ' {\n\t"s" : "\\u00e9\\u20ac\\/\\"\\\\x\\t" , "i":-12,"b" :true, "l":["q", "\\u0041"],\r\n' +
      '"other": {"n": [1, 2.5e-3, null, false, {"deep": ["x"]}]} } ';
    const parsed = JSON.parse(config) as { s: string; i: number; b: boolean };
    const result = await values(config, "A");
    expect(result.v).toBe(`${parsed.s}|${parsed.i}|${parsed.b}`);
    expect(result.inList).toBe(true);
    expect(result.warnings).toEqual(["plugin configuration: unknown key, ignored: other"]);
  });

  it("keeps every default, with one warning, when the text is not one JSON object", async () => {
    const invalid = ['{"s": tru}', '{"s": truex}', '{"s": nulls}', '{"i": 1x}', '{"i": 1 2}', '{"l": [1,]}', '{"l": [1 2]}', '{"s": "x"', '{"s" "x"}',
      '{"s": "x",}', '{"s": "a\u0001"}', '{"s": "x"}x', "[]", "null", '"x"', "{", '{"o": {"k" 1}}', '{"o": {1: 2}}'];
    for (const config of invalid) {
      const result = await values(config);
      expect(result.v, config).toBe("d|3|false");
      expect(result.warnings, config).toEqual(["plugin configuration is not a JSON object: using defaults"]);
    }
  });

  it("refuses arrays and objects nested past 1,000 levels with the same warning, instead of overflowing the stack", async () => {
    // `levels` counts the configuration's own object: 1,000 is the most it takes.
    const arrays = (key: string, levels: number) => `{"${key}": ${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
    const objects = (key: string, levels: number) => `{"${key}": ${'{"a":'.repeat(levels - 2)}{}${"}".repeat(levels - 2)}}`;
    for (const nest of [arrays, objects]) {
      for (const key of ["other", "l", "s"]) {
        for (const levels of [1001, 10_000]) {
          const result = await values(nest(key, levels));
          expect(result.v, `${key} ${levels}`).toBe("d|3|false");
          expect(result.warnings, `${key} ${levels}`).toEqual(["plugin configuration is not a JSON object: using defaults"]);
        }
        const deepest = await values(nest(key, 1000));
        expect(deepest.warnings, key).toEqual([key === "other" ? "plugin configuration: unknown key, ignored: other" : `plugin configuration: wrong type, default kept for ${key}`]);
      }
    }
    // A refused text leaves nothing behind: the next configuration is read in full.
    const host = await loadHost(await wasm, { logLevel: 0, pluginConfig: arrays("other", 10_000) });
    expect(host.reconfigure('{"s": "x", "l": ["b"], "other": [[{"a": [1]}]]}')).toBe(true);
    const headers = host.runStream({ request: { headers: { "x-l": "b" } } }).upstreamRequest!.headers;
    expect([header(headers, "x-v"), header(headers, "x-l")]).toEqual(["x|3|false", "in"]);
  });
});

describe("plugin configuration: disabled_rules", () => {
  const rules = 'param p = "x"\nrule "one" on request_headers set "x-1" = "1"\nrule "two" on request_headers set "x-2" = "2"\n' +
    'rule "three" on request_headers set "x-3" = "3"';
  const on = (host: Awaited<ReturnType<typeof loadHost>>) => ["x-1", "x-2", "x-3"].filter((n) => header(host.runStream({}).upstreamRequest!.headers, n) !== undefined);

  it("switches off the rules of every list; names of no rule are ignored; a list of other values is refused", async () => {
    const host = await loadHost(await compileText(rules), { logLevel: 0 });
    expect(host.reconfigure('{"disabled_rules": ["one", "p", "nope"], "disabled_rules": ["thr\\u0065e"]}')).toBe(true);
    expect([on(host), warnings(host.logs)]).toEqual([["x-2"], []]);
    for (const refused of ['"one"', '["one", 2]', '{"one": true}']) {
      host.logs.length = 0;
      expect(host.reconfigure(`{"disabled_rules": ${refused}}`)).toBe(true);
      expect([on(host), warnings(host.logs).at(-1)], refused).toEqual([["x-1", "x-2", "x-3"], "plugin configuration: wrong type, default kept for disabled_rules"]);
    }
    expect(host.reconfigure('{"disabled_rules": ["two"]}')).toBe(true);
    expect(on(host)).toEqual(["x-1", "x-3"]);
    expect(host.reconfigure("{}")).toBe(true);
    expect(on(host)).toEqual(["x-1", "x-2", "x-3"]);
  });

  it("switches off the first of two rules with one name", async () => {
    const host = await loadHost(await compileText('rule "a" on request_headers set "x-1" = "1"\nrule "a" on request_headers set "x-2" = "2"'), { logLevel: 0 });
    expect(host.reconfigure('{"disabled_rules": ["a"]}')).toBe(true);
    expect(on(host)).toEqual(["x-2"]);
  });

  it("is a param's key when a param has that name", async () => {
    const named = 'param disabled_rules = ["x"]\nrule "one" on request_headers when request.header["a"] in disabled_rules set "x-1" = "1"';
    const host = await loadHost(await compileText(named), { logLevel: 0, pluginConfig: '{"disabled_rules": ["one"]}' });
    expect(header(host.runStream({ request: { headers: { a: "one" } } }).upstreamRequest!.headers, "x-1")).toBe("1");
    expect(warnings(host.logs)).toEqual([]);
  });
});
