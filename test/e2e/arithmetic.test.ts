import { describe, expect, it } from "vitest";
import { header, hostFor } from "../support/compile.js";

/**
 * `+ - * / %` on 64-bit ints (docs/language.md, Arithmetic), run in the host. The reference for every expected
 * value is BigInt arithmetic wrapped to 64 bits (BigInt.asIntN), with the documented exceptions: an absent operand,
 * a zero divisor, and a result that wraps onto -2^63 (the filter's absent int) are absent, which interpolates as
 * the empty text and makes `==` false and `!=` true.
 */

/** `param a` and `param b` are configured per test; each header shows one operator's result. */
const program = `
param a = 0
param b = 0
on request_headers {
  set "x-add" = "[\${a + b}]"
  set "x-sub" = "[\${a - b}]"
  set "x-mul" = "[\${a * b}]"
  set "x-div" = "[\${a / b}]"
  set "x-rem" = "[\${a % b}]"
}
`;

type Host = Awaited<ReturnType<typeof hostFor>>;

/** What the language says each operator gives, as the header's text (absent: empty). */
function expected(a: bigint, b: bigint): Record<string, string> {
  const absentInt = -(2n ** 63n);
  const show = (value: bigint | undefined) => {
    if (value === undefined) return "[]";
    const wrapped = BigInt.asIntN(64, value);
    return wrapped === absentInt ? "[]" : `[${wrapped}]`;
  };
  // BigInt division truncates toward zero and `%` takes the dividend's sign, as the language defines them.
  return {
    "x-add": show(a + b),
    "x-sub": show(a - b),
    "x-mul": show(a * b),
    "x-div": show(b === 0n ? undefined : a / b),
    "x-rem": show(b === 0n ? undefined : a % b),
  };
}

function results(host: Host, a: bigint, b: bigint): Record<string, string | undefined> {
  expect(host.reconfigure(JSON.stringify({ a: 0, b: 0 }).replace('"a":0', `"a":${a}`).replace('"b":0', `"b":${b}`))).toBe(true);
  const headers = host.runStream({}).upstreamRequest!.headers;
  return Object.fromEntries(["x-add", "x-sub", "x-mul", "x-div", "x-rem"].map((name) => [name, header(headers, name)]));
}

describe("arithmetic on configured ints", () => {
  it("adds, subtracts, multiplies, divides (toward zero) and takes remainders (sign of the dividend)", async () => {
    const host = await hostFor(program, { logLevel: 0 });
    const pairs: Array<[bigint, bigint]> = [
      [7n, 2n],
      [-7n, 2n],
      [7n, -2n],
      [-7n, -2n],
      [0n, 5n],
      [600n, 100n],
      [599n, 100n],
      [123456789012345678n, 1000n],
    ];
    for (const [a, b] of pairs) expect(results(host, a, b), `${a}, ${b}`).toEqual(expected(a, b));
    expect(results(host, -7n, 2n)).toMatchObject({ "x-div": "[-3]", "x-rem": "[-1]" });
  });

  it("makes division and remainder by zero absent", async () => {
    const host = await hostFor(program, { logLevel: 0 });
    expect(results(host, 42n, 0n)).toEqual({ "x-add": "[42]", "x-sub": "[42]", "x-mul": "[0]", "x-div": "[]", "x-rem": "[]" });
    expect(results(host, 0n, 0n)).toMatchObject({ "x-div": "[]", "x-rem": "[]" });
  });

  it("wraps on overflow in two's complement", async () => {
    const host = await hostFor(program, { logLevel: 0 });
    const big = 999999999999999999n; // the largest configured int (18 digits)
    for (const [a, b] of [
      [big, 10n],
      [big, big],
      [-big, 10n],
      [big, -100n],
    ] as Array<[bigint, bigint]>) {
      expect(results(host, a, b), `${a}, ${b}`).toEqual(expected(a, b));
    }
    // Concretely: 999999999999999999 * 10 passes 2^63 - 1 and comes out negative.
    expect(results(host, big, 10n)["x-mul"]).toBe("[-8446744073709551626]");
  });

  it("reads a result that wraps onto -2^63 as absent, and keeps it absent in later operations", async () => {
    const host = await hostFor(`
on request_headers {
  set "x-min" = "[\${4294967296 * 2147483648}]"
  set "x-min-plus-1" = "[\${4294967296 * 2147483648 + 1}]"
  set "x-below-min" = "[\${4294967296 * 2147483647 + 4294967295 + 2}]"
  set "x-max" = "[\${4294967296 * 2147483647 + 4294967295}]"
}
on request_headers when 4294967296 * 2147483648 == 0 - 4294967296 * 2147483648 set "x-eq" = "true"
on request_headers when 4294967296 * 2147483648 != 1 set "x-ne" = "true"
`);
    const headers = host.runStream({}).upstreamRequest!.headers;
    expect(header(headers, "x-max")).toBe(`[${2n ** 63n - 1n}]`);
    // 2^63 wraps onto -2^63, the absent int: empty, and absent in `+ 1` as well.
    expect(header(headers, "x-min")).toBe("[]");
    expect(header(headers, "x-min-plus-1")).toBe("[]");
    // One past the wrap is an ordinary negative number.
    expect(header(headers, "x-below-min")).toBe(`[${-(2n ** 63n) + 1n}]`);
    expect(header(headers, "x-eq")).toBeUndefined();
    expect(header(headers, "x-ne")).toBe("true");
  });
});

describe("precedence and associativity", () => {
  it("binds * / % tighter than + -, associates to the left, and respects parentheses", async () => {
    const host = await hostFor(`
on request_headers {
  set "x-1" = "\${2 + 3 * 4}"
  set "x-2" = "\${(2 + 3) * 4}"
  set "x-3" = "\${20 - 5 - 3}"
  set "x-4" = "\${20 - (5 - 3)}"
  set "x-5" = "\${100 / 10 / 5}"
  set "x-6" = "\${100 / (10 / 5)}"
  set "x-7" = "\${17 % 5 * 3}"
  set "x-8" = "\${2 * 3 % 4 + 10 / 3 - 1}"
  set "x-9" = 1 + 2
}
on request_headers when 1 + 2 * 3 == 7 and 10 - 2 - 3 > 4 set "x-cmp" = "ok"
`);
    const headers = host.runStream({}).upstreamRequest!.headers;
    expect(["x-1", "x-2", "x-3", "x-4", "x-5", "x-6", "x-7", "x-8", "x-9", "x-cmp"].map((n) => header(headers, n))).toEqual([
      "14",
      "20",
      "12",
      "18",
      "2",
      "50",
      "6",
      "4",
      "3",
      "ok",
    ]);
  });
});

describe("int fields and absent operands", () => {
  const fields = `
rule "fake" on response_headers when exists(response.header["x-fake"]) set ":status" = "\${response.header["x-fake"]}"
on response_headers {
  set "x-class" = "\${response.status / 100}xx"
  set "x-next" = "[\${response.status + 1}]"
}
on response_headers when response.status / 100 == 5 set "x-server-error" = "yes"
on response_headers when response.status % 100 != 4 set "x-not-x04" = "yes"
on request_headers set "x-port-offset" = "[\${destination.port - 8000}]"
`;

  it("computes with response.status and destination.port", async () => {
    const host = await hostFor(fields);
    let result = host.runStream({ response: { status: 503 } });
    expect(header(result.response.headers, "x-class")).toBe("5xx");
    expect(header(result.response.headers, "x-next")).toBe("[504]");
    expect(header(result.response.headers, "x-server-error")).toBe("yes");
    expect(header(result.response.headers, "x-not-x04")).toBe("yes");
    result = host.runStream({ response: { status: 404 } });
    expect(header(result.response.headers, "x-class")).toBe("4xx");
    expect(header(result.response.headers, "x-server-error")).toBeUndefined();
    expect(header(result.response.headers, "x-not-x04")).toBeUndefined();
    expect(header(host.runStream({ destination: "10.0.0.1:9090" }).upstreamRequest!.headers, "x-port-offset")).toBe("[1090]");
  });

  it("gives absent for an absent operand: empty text, `==` false and `!=` true", async () => {
    const host = await hostFor(fields);
    const result = host.runStream({ response: { headers: { "x-fake": "abc" } } });
    expect(header(result.response.headers, "x-class")).toBe("xx");
    expect(header(result.response.headers, "x-next")).toBe("[]");
    expect(header(result.response.headers, "x-server-error")).toBeUndefined();
    // `!=` with an absent side is true, as for every comparison with an absent value.
    expect(header(result.response.headers, "x-not-x04")).toBe("yes");
    const noPort = host.runStream({ properties: { "destination.port": "abc" } });
    expect(header(noPort.upstreamRequest!.headers, "x-port-offset")).toBe("[]");
  });

  it("keeps memory flat over many requests", async () => {
    const host = await hostFor(fields);
    host.runStream({ response: { status: 200 } });
    const pages = host.memoryPages();
    for (let i = 0; i < 2_000; i++) host.runStream({ response: { status: 200 + (i % 400) } });
    expect(host.memoryPages()).toBe(pages);
  });
});
