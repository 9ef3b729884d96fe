import { describe, expect, it } from "vitest";
import { code, printCode, testHole } from "../../compiler/ir/code.js";
import { MAX_VERDICTS, RequestVerdicts } from "../../compiler/lower/request-verdicts.js";

const print = (c: Parameters<typeof printCode>[0]) => printCode(c, (test) => `T${test}`);

describe("request verdicts", () => {
  it("share one flag between equal conditions, holes compared by test id, and compute each once", () => {
    const verdicts = new RequestVerdicts();
    const a = verdicts.flag(code`(${testHole(1)})`);
    expect(verdicts.flag(code`(${testHole(1)})`)).toBe(a);
    const b = verdicts.flag(code`(${testHole(2)})`);
    expect([a, b]).toEqual([2n, 4n]);
    expect(verdicts.requestStatements().map(print)).toEqual(["STREAM_FLAGS = 0;", "if ((T1)) STREAM_FLAGS |= <u64>0x2;", "if ((T2)) STREAM_FLAGS |= <u64>0x4;"]);
  });

  it("hand out no flag past the last bit, or when off", () => {
    const verdicts = new RequestVerdicts();
    for (let i = 0; i < MAX_VERDICTS; i++) expect(verdicts.flag(`c${i}`)).toBeDefined();
    expect(verdicts.flag("one more")).toBeUndefined();
    expect(verdicts.flag("c0")).toBe(2n);
    expect(new RequestVerdicts(false).flag("c")).toBeUndefined();
  });
});
