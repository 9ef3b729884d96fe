import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../cli/line-diff.js";

describe("unifiedDiff (lint --fix-dry-run)", () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

  it("is empty when nothing changes", () => {
    expect(unifiedDiff("a", "b", "x\ny\n", "x\ny\n")).toBe("");
  });

  it("shows far-apart changes as separate hunks with two lines of context, numbered as in each text", () => {
    const before = lines(20);
    const after = before.filter((l) => l !== "line 3").map((l) => (l === "line 17" ? "line 17 fixed" : l));
    expect(unifiedDiff("r.fw", "r.fw (fixed)", before.join("\n") + "\n", after.join("\n") + "\n")).toBe(
      [
        "--- r.fw",
        "+++ r.fw (fixed)",
        "@@ -1,5 +1,4 @@",
        " line 1",
        " line 2",
        "-line 3",
        " line 4",
        " line 5",
        "@@ -15,5 +14,5 @@",
        " line 15",
        " line 16",
        "-line 17",
        "+line 17 fixed",
        " line 18",
        " line 19",
        "",
      ].join("\n"),
    );
  });

  it("joins changes closer than twice the context into one hunk", () => {
    const before = lines(8);
    const after = before.filter((l) => l !== "line 2" && l !== "line 6");
    expect(unifiedDiff("a", "b", before.join("\n"), after.join("\n"))).toBe(["--- a", "+++ b", "@@ -1,8 +1,6 @@", " line 1", "-line 2", " line 3", " line 4", " line 5", "-line 6", " line 7", " line 8", ""].join("\n"));
  });
});
