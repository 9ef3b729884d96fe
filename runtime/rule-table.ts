// AssemblyScript: the runtime half of rule tables, many rules of the common shapes run from static data instead of
// one function each. Compiled by asc, not tsc. The table format is documented in compiler/lower/rule-table.ts.
// Plain loads over static memory; the only allocation is a bitmap in the callback's arena when some rule applies.
import { configEnabled } from "./config";
import { addHeaderChecked, removeHeader, setHeaderChecked } from "./headers";
import { sendLocalResponse } from "./local-response";
import { arenaAlloc } from "./memory";
import { Str, str } from "./str";

// The rule results of compiler/ir/rule-result.ts.
// @ts-ignore: decorator
@inline const RULE_NEXT: i32 = 0;
// @ts-ignore: decorator
@inline const RULE_ANSWERED: i32 = 2;

const OP_END: u32 = 0;
const OP_SET: u32 = 1;
const OP_REMOVE: u32 = 3;
const OP_REPLY: u32 = 4;

/** Each rule of the table on or off as the configuration's `disabled_rules` says; in proxy_on_configure. */
export function ruleTableConfigure(table: usize): void {
  const entries = <usize>load<u32>(table, 4);
  let entry = table + 8 + (<usize>load<u32>(table) << 3);
  for (let i: usize = 0; i < entries; i++, entry += 12) {
    const key = load<u32>(entry, 4);
    store<u32>(entry, key == 0 || configEnabled(<i32>key) ? 1 : 0, 8);
  }
}

/**
 * Runs the table's rules whose test-set bit is set, in file order: `results` holds the address of each of the
 * table's sets' result words (computed by the caller). Returns RULE_ANSWERED when a rule answered locally.
 * The bits stay right for every rule of the run: no rule of a table writes a value that a test set reads.
 */
export function ruleTableRun(table: usize, data: usize, results: usize): i32 {
  const sets = <usize>load<u32>(table);
  const entries = <usize>load<u32>(table, 4);
  const markBytes = ((entries + 31) >> 5) << 2;
  let marks: usize = 0;
  let low = entries;
  let high: usize = 0;
  for (let s: usize = 0; s < sets; s++) {
    const words = <usize>load<u32>(table + 8 + (s << 3));
    const map = table + <usize>load<u32>(table + 8 + (s << 3), 4);
    const bits = <usize>load<u32>(results + (s << 2));
    for (let w: usize = 0; w < words; w++) {
      let v = load<u32>(bits + (w << 2));
      while (v != 0) {
        const bit = <usize>ctz<u32>(v);
        v &= v - 1;
        const list = <usize>load<u32>(map + (((w << 5) + bit) << 2));
        if (list == 0) continue;
        if (marks == 0) {
          marks = arenaAlloc(markBytes);
          memory.fill(marks, 0, markBytes);
        }
        const count = <usize>load<u32>(table + list);
        for (let j: usize = 0; j < count; j++) {
          const p = <usize>load<u32>(table + list + 4 + (j << 2));
          const word = marks + ((p >> 5) << 2);
          store<u32>(word, load<u32>(word) | (<u32>1 << <u32>(p & 31)));
          if (p < low) low = p;
          if (p > high) high = p;
        }
      }
    }
  }
  if (marks == 0) return RULE_NEXT;
  const first = table + 8 + (sets << 3);
  for (let w = low >> 5; w <= high >> 5; w++) {
    let v = load<u32>(marks + (w << 2));
    while (v != 0) {
      const p = (w << 5) + <usize>ctz<u32>(v);
      v &= v - 1;
      const entry = first + p * 12;
      if (load<u32>(entry, 8) != 0 && runOps(table + <usize>load<u32>(entry), data)) return RULE_ANSWERED;
    }
  }
  return RULE_NEXT;
}

/** A rule's actions; true when it answered locally (which ends its list). */
function runOps(op: usize, data: usize): bool {
  while (true) {
    const kind = load<u32>(op);
    if (kind == OP_END) return false;
    if (kind == OP_REPLY) {
      sendLocalResponse(load<u32>(op, 4), tableStr(op + 8, data), tableStr(op + 16, data), tableStr(op + 24, data));
      return true;
    }
    const map = load<u32>(op, 4);
    const name = tableStr(op + 8, data);
    if (kind == OP_REMOVE) {
      removeHeader(map, name);
      op += 16;
      continue;
    }
    const value = tableStr(op + 16, data);
    if (kind == OP_SET) setHeaderChecked(map, name, value);
    else addHeaderChecked(map, name, value);
    op += 24;
  }
}

/** A string of the table: an offset into static data and a length, or (offset 0xFFFFFFFF) the Str `length` itself. */
// @ts-ignore: decorator
@inline function tableStr(at: usize, data: usize): Str {
  const offset = load<u32>(at);
  return offset == 0xffffffff ? <Str>load<u32>(at, 4) : str(data + <usize>offset, <usize>load<u32>(at, 4));
}
