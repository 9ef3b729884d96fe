import { describe, expect, it } from "vitest";
import { parseIpOrCidr, parseIpOrCidrDetailed } from "../../compiler/net.js";

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

describe("parseIpOrCidr", () => {
  it("maps an IPv4 address into IPv6 with a full prefix", () => {
    const range = parseIpOrCidr("10.1.2.3")!;
    expect(hex(range.bytes)).toBe("00000000000000000000ffff0a010203");
    expect(range.prefix).toBe(128);
  });

  it("offsets an IPv4 prefix by 96 bits", () => {
    const range = parseIpOrCidr("10.0.0.0/8")!;
    expect(hex(range.bytes)).toBe("00000000000000000000ffff0a000000");
    expect(range.prefix).toBe(104);
    expect(parseIpOrCidr("0.0.0.0/0")!.prefix).toBe(96);
  });

  it("reads IPv6 with and without ::", () => {
    expect(hex(parseIpOrCidr("::1")!.bytes)).toBe("00000000000000000000000000000001");
    expect(hex(parseIpOrCidr("::")!.bytes)).toBe("00000000000000000000000000000000");
    expect(hex(parseIpOrCidr("2001:db8::/32")!.bytes)).toBe("20010db8000000000000000000000000");
    expect(parseIpOrCidr("2001:db8::/32")!.prefix).toBe(32);
    expect(hex(parseIpOrCidr("1:2:3:4:5:6:7:8")!.bytes)).toBe("00010002000300040005000600070008");
    expect(hex(parseIpOrCidr("fe80::")!.bytes)).toBe("fe800000000000000000000000000000");
    expect(hex(parseIpOrCidr("::FFFF:1.2.3.4")!.bytes)).toBe("00000000000000000000ffff01020304");
  });

  it("clears host bits and says so", () => {
    const result = parseIpOrCidrDetailed("10.1.2.3/8");
    expect(result.ok && result.value.hostBitsSet).toBe(true);
    expect(result.ok && hex(result.value.range.bytes)).toBe("00000000000000000000ffff0a000000");
    const exact = parseIpOrCidrDetailed("10.0.0.0/8");
    expect(exact.ok && exact.value.hostBitsSet).toBe(false);
    const v6 = parseIpOrCidrDetailed("2001:db8::1/32");
    expect(v6.ok && v6.value.hostBitsSet).toBe(true);
  });

  it.each([
    ["", "it is empty"],
    [" 10.0.0.1", "it has spaces around it"],
    ["192.168.1", "an IPv4 address has 4 numbers separated by dots, this has 3"],
    ["256.0.0.1", "256 is larger than 255"],
    ["10.0.0.01", "`01` has a leading zero"],
    ["10..0.1", "a number between the dots is missing"],
    ["10.0.0.x", "`x` is not a number"],
    ["10.0.0.0/33", "the prefix length /33 is longer than the 32 bits of an IPv4 address"],
    ["::/129", "the prefix length /129 is longer than the 128 bits of an IPv6 address"],
    ["10.0.0.0/", "the prefix length after `/` is missing"],
    ["10.0.0.0/a", "the prefix length `a` is not a number"],
    ["1::2::3", "`::` may appear only once"],
    ["1:2:3", "an IPv6 address has 8 groups, this has 3"],
    ["1:2:3:4:5:6:7:8::", "`::` must stand for at least one group, but 8 are already written"],
    ["12345::", "`12345` is not a group of 1 to 4 hex digits"],
    ["fe80::1%eth0", "zone indices such as `%eth0` are not supported"],
    ["::ffff:1.2.3", "its IPv4 part is invalid: an IPv4 address has 4 numbers separated by dots, this has 3"],
    [":1::", "a group between colons is empty"],
  ])("refuses %j: %s", (text, reason) => {
    expect(parseIpOrCidrDetailed(text)).toEqual({ ok: false, reason });
    expect(parseIpOrCidr(text)).toBeUndefined();
  });
});
