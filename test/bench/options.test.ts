import { describe, expect, it } from "vitest";
import { parseOptions } from "../../bench/options.js";
import { scenariosFor } from "../../bench/scenarios.js";
import { ANY_LIST_CASE, ANY_LIST_SCENARIOS } from "../../bench/any-list.js";
import { minimalPeers } from "../../bench/peers/catalogue.js";
import { BODY_SCAN_BYTES, BODY_SCAN_PATTERNS, bodyScanBody, bodyScanRules } from "../../bench/body-scan.js";

describe("bench options", () => {
  it("run the any-list section alone, and only the examples named", () => {
    const options = parseOptions(["--only", "any-list", "--examples", "edge,bot-block"]);
    expect([...options.sections]).toEqual(["any-list"]);
    expect([...options.examples!]).toEqual(["edge", "bot-block"]);
    expect(parseOptions([]).sections.has("any-list")).toBe(true);
    expect(parseOptions([]).examples).toBeUndefined();
    expect(() => parseOptions(["--only", "any-lst"])).toThrow(/unknown section any-lst/);
  });

  it("measure any-list like an example: its scenarios and its hand-written peer", () => {
    expect(scenariosFor(ANY_LIST_CASE.name)).toBe(ANY_LIST_SCENARIOS);
    expect(ANY_LIST_CASE.text).toContain("contains any agents");
    for (const name of ["any-list", "edge", "bot-block", "legacy-redirects", "login-redirect"]) expect(minimalPeers[name]).toBeDefined();
  });
});

describe("bench body-scan section", () => {
  it("runs alone with --only body-scan", () => {
    expect([...parseOptions(["--only", "body-scan"]).sections]).toEqual(["body-scan"]);
    expect(parseOptions([]).sections.has("body-scan")).toBe(true);
  });

  it("scans a 1 MB body that holds none of the patterns, and the refused one ends in the last pattern tested", () => {
    const text = new TextDecoder().decode(bodyScanBody());
    expect(text.length).toBe(BODY_SCAN_BYTES);
    for (const p of BODY_SCAN_PATTERNS) expect(text.includes(p)).toBe(false);
    const refused = new TextDecoder().decode(bodyScanBody(BODY_SCAN_BYTES, "DROP TABLE"));
    expect(refused.length).toBe(BODY_SCAN_BYTES);
    expect(refused.endsWith("DROP TABLE")).toBe(true);
    expect(bodyScanRules(1).match(/contains/g)).toHaveLength(1);
    expect(bodyScanRules(10).match(/contains/g)).toHaveLength(10);
  });
});
