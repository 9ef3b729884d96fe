import { describe, expect, it } from "vitest";
import { compileAddressSet, runAddressSet } from "../../compiler/address-set.js";
import { parseIpOrCidr, type IpRange } from "../../compiler/net.js";
import { random } from "../regex/support.js";

/** Whether `address` lies in `range`, bit by bit: the definition the table must agree with. */
function inRange(address: Uint8Array, range: IpRange): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((address[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

const range = (text: string): IpRange => {
  const parsed = parseIpOrCidr(text);
  if (parsed === undefined) throw new Error(`${text} is not an address`);
  return parsed;
};

describe("address sets: many address lists answered by one lookup per prefix length", () => {
  it("finds every list containing the address, IPv4 and IPv6 mixed, nested and duplicate ranges included", () => {
    const lists = [
      ["10.0.0.0/8", "2001:db8::/32"],
      ["10.1.0.0/16"],
      ["10.1.2.3"],
      ["10.1.0.0/16", "192.168.0.0/16"],
      ["0.0.0.0/0"],
      ["::/0"],
      ["2001:db8:5::/48", "2001:db8:5:1::/64"],
    ].map((list) => list.map(range));
    const table = compileAddressSet(lists)!;
    for (const text of ["10.1.2.3", "10.9.9.9", "192.168.4.4", "2001:db8:5:1::9", "2001:db8:6::1", "8.8.8.8", "::1"]) {
      const address = range(text).bytes;
      const expected = lists.flatMap((list, k) => (list.some((r) => inRange(address, r)) ? [k] : []));
      expect([...runAddressSet(table, address)].sort((a, b) => a - b), text).toEqual(expected);
    }
    expect(runAddressSet(table, undefined).size).toBe(0);
  });

  it("agrees with the bitwise definition on random ranges and addresses", () => {
    const next = random(3);
    const byte = () => Math.floor(next() * 4);
    for (let round = 0; round < 20; round++) {
      const lists = Array.from({ length: 12 }, () =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          next() < 0.6 ? range(`10.${byte()}.${byte()}.0/${16 + Math.floor(next() * 17)}`.replace(/\/(\d+)$/, (_m, n) => `/${Math.min(32, Number(n))}`)) : range(`2001:db8:${byte()}::/${32 + Math.floor(next() * 40)}`),
        ),
      );
      const table = compileAddressSet(lists)!;
      for (let i = 0; i < 30; i++) {
        const address = next() < 0.6 ? range(`10.${byte()}.${byte()}.${byte()}`).bytes : range(`2001:db8:${byte()}::${byte()}`).bytes;
        const expected = lists.flatMap((list, k) => (list.some((r) => inRange(address, r)) ? [k] : []));
        expect([...runAddressSet(table, address)].sort((a, b) => a - b)).toEqual(expected);
      }
    }
  });
});
