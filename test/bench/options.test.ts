import { describe, expect, it } from "vitest";
import { parseOptions } from "../../bench/options.js";
import { scenariosFor } from "../../bench/scenarios.js";
import { ANY_LIST_CASE, ANY_LIST_SCENARIOS } from "../../bench/any-list.js";
import { minimalPeers } from "../../bench/peers/catalogue.js";

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
