/**
 * `source.address in [...]`: addresses and CIDR ranges, IPv4 and IPv6 mixed (docs/language.md, Conditions).
 * IPv4 is compared as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one comparison serves both families and an
 * IPv4 address never falls in an IPv6 range other than one covering ::ffff:0:0/96.
 */

export interface Range {
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** An address (a /32 or /128) or `address/prefix`; undefined when it is neither. */
export function parseRange(text: string): Range | undefined {
  const slash = text.indexOf("/");
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  if (slash < 0) return { bytes: address.bytes, prefix: 128 };
  const digits = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(digits)) return undefined;
  const prefix = Number(digits) + (address.v4 ? 96 : 0);
  return prefix > 128 || (address.v4 && Number(digits) > 32) ? undefined : { bytes: address.bytes, prefix };
}

export function inRanges(address: string, ranges: readonly Range[]): boolean {
  const parsed = parseAddress(address);
  return parsed !== undefined && ranges.some((range) => covers(range, parsed.bytes));
}

function covers(range: Range, bytes: readonly number[]): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((range.bytes[bit >> 3]! & mask) !== (bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

function parseAddress(text: string): { bytes: number[]; v4: boolean } | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { bytes: [...Array(10).fill(0), 0xff, 0xff, ...v4], v4: true };
  const v6 = parseV6(text);
  return v6 === undefined ? undefined : { bytes: v6, v4: false };
}

/** Dotted decimal; a leading zero is refused (some parsers read it as octal). */
function parseV4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** Groups of up to four hex digits, one `::` at most, an IPv4 tail allowed. */
function parseV6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseV4(part);
        if (v4 === undefined) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        out.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array(missing).fill(0), ...tail].flatMap((g) => [g >> 8, g & 0xff]);
}
