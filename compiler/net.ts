/**
 * IP addresses and CIDR ranges as written in rule files: `"10.0.0.1"`, `"10.0.0.0/8"`, `"::1"`, `"2001:db8::/32"`.
 *
 * Every range becomes 16 bytes plus a prefix length in 0..128, IPv4 mapped into IPv6 as `::ffff:a.b.c.d` (RFC 4291
 * section 2.5.5.2), so the runtime matches both families with one comparison. The checker uses the reasons to
 * explain a bad literal; the lowering uses the bytes.
 */

export interface IpRange {
  /** The network address, IPv4 as `::ffff:a.b.c.d`; bits after `prefix` are zero. */
  readonly bytes: Uint8Array;
  /** 0..128; an IPv4 `/n` is `96 + n`, a single address 128. */
  readonly prefix: number;
}

export interface ParsedIpRange {
  readonly range: IpRange;
  readonly family: 4 | 6;
  /** The address had bits set past the prefix (`10.0.0.1/8`); they are cleared in `range.bytes`. */
  readonly hostBitsSet: boolean;
}

export type IpParseResult = { readonly ok: true; readonly value: ParsedIpRange } | { readonly ok: false; readonly reason: string };

/** An address or CIDR range, or undefined if the text is neither. */
export function parseIpOrCidr(text: string): IpRange | undefined {
  const result = parseIpOrCidrDetailed(text);
  return result.ok ? result.value.range : undefined;
}

/** Like parseIpOrCidr, but says what is wrong: the reason completes "... is not an IP address or CIDR range: ". */
export function parseIpOrCidrDetailed(text: string): IpParseResult {
  if (text.length === 0) return fail("it is empty");
  if (text.trim() !== text) return fail("it has spaces around it");
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const isV6 = address.includes(":");
  if (address.includes("%")) return fail("zone indices such as `%eth0` are not supported");
  const parsed = isV6 ? parseIpv6(address) : parseIpv4(address);
  if (typeof parsed === "string") return fail(parsed);
  const bytes = isV6 ? parsed : mapIpv4(parsed);
  const maxPrefix = isV6 ? 128 : 32;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (!/^\d+$/.test(digits)) return fail(digits === "" ? "the prefix length after `/` is missing" : `the prefix length \`${digits}\` is not a number`);
    if (digits.length > 1 && digits.startsWith("0")) return fail(`the prefix length \`${digits}\` has a leading zero`);
    prefix = Number(digits);
    if (prefix > maxPrefix) return fail(`the prefix length /${digits} is longer than the ${maxPrefix} bits of an IPv${isV6 ? 6 : 4} address`);
  }
  const fullPrefix = isV6 ? prefix : 96 + prefix;
  const hostBitsSet = clearHostBits(bytes, fullPrefix);
  return { ok: true, value: { range: { bytes, prefix: fullPrefix }, family: isV6 ? 6 : 4, hostBitsSet } };
}

function fail(reason: string): IpParseResult {
  return { ok: false, reason };
}

/** Four decimal octets; leading zeros are refused because some parsers read `010` as octal. */
function parseIpv4(text: string): Uint8Array | string {
  const parts = text.split(".");
  if (parts.length !== 4) return `an IPv4 address has 4 numbers separated by dots, this has ${parts.length}`;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d+$/.test(part)) return part === "" ? "a number between the dots is missing" : `\`${part}\` is not a number`;
    if (part.length > 1 && part.startsWith("0")) return `\`${part}\` has a leading zero`;
    const value = Number(part);
    if (value > 255) return `${part} is larger than 255`;
    bytes[i] = value;
  }
  return bytes;
}

/** RFC 4291 section 2.2: eight groups of up to four hex digits, one `::` at most, an optional dotted IPv4 tail. */
function parseIpv6(text: string): Uint8Array | string {
  const halves = text.split("::");
  if (halves.length > 2) return "`::` may appear only once";
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 1 || halves[1] === "" ? [] : halves[1]!.split(":");
  const groups: number[] = [];
  const tailGroups: number[] = [];
  for (const [parts, into] of [
    [head, groups],
    [tail, tailGroups],
  ] as const) {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = into === tailGroups ? i === parts.length - 1 : halves.length === 1 && i === parts.length - 1;
      if (last && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (typeof v4 === "string") return `its IPv4 part is invalid: ${v4}`;
        into.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (part === "") return "a group between colons is empty";
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return `\`${part}\` is not a group of 1 to 4 hex digits`;
      into.push(parseInt(part, 16));
    }
  }
  const written = groups.length + tailGroups.length;
  if (halves.length === 1 && written !== 8) return `an IPv6 address has 8 groups, this has ${written}`;
  if (halves.length === 2 && written > 7) return "`::` must stand for at least one group, but 8 are already written";
  const all = [...groups, ...new Array<number>(8 - written).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

function mapIpv4(v4: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(v4, 12);
  return bytes;
}

/** Zeroes the bits of `bytes` after `prefix`; true when any was set. */
export function clearHostBits(bytes: Uint8Array, prefix: number): boolean {
  let changed = false;
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, prefix - 8 * i));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((bytes[i]! & ~mask & 0xff) !== 0) changed = true;
    bytes[i] = bytes[i]! & mask;
  }
  return changed;
}
