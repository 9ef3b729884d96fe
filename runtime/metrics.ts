// The `count` and `observe` actions (docs/language.md, "Metrics"). Every metric is defined once per VM (a worker
// in Envoy): plain ones in proxy_on_configure, each label value of `count ... by` the first time a worker sees it.
// A request then costs one host call per action and allocates nothing.
import { proxy_define_metric, proxy_increment_metric, proxy_record_metric } from "./abi";
import { ABSENT, ABSENT_INT, Str, bytesEqual, strLen, strPtr } from "./str";

// Scratch memory comes from the generated module (METRIC_SCRATCH, compiler/lower/metrics.ts), declared only when
// it has metrics: static memory declared here would be reserved in every module, shifting its addresses.
//   [0, 4) the id proxy_define_metric returns; [8, 72) a label; [72, SCRATCH_BYTES) a flat name.
// @ts-ignore: decorator
@inline const LABEL_AT: usize = 8;
// @ts-ignore: decorator
@inline const NAME_AT: usize = 72;

/** proxy_define_metric of a name; the id the host returned (Envoy: WasmBase defineMetric). */
export function metricDefine(type: u32, name: Str, scratch: usize): u32 {
  proxy_define_metric(type, strPtr(name), strLen(name), scratch);
  return load<u32>(scratch);
}

// @ts-ignore: decorator
@inline export function metricIncrement(id: u32): void {
  proxy_increment_metric(id, 1);
}

/** A histogram sample; an absent or negative value is not recorded (Envoy histograms hold unsigned values). */
export function metricRecord(id: u32, value: i64): void {
  if (value == ABSENT_INT || value < 0) return;
  proxy_record_metric(id, value);
}

// A label table lives in static data, one per `count ... by`, so its memory is fixed at build time:
//   u32 used, u32 capacity, u32 id of `other`, u32 fixed (an `only` list: no value is added at runtime),
//   then `capacity` entries of LABEL_ENTRY bytes: u32 id, u32 label length, MAX_LABEL_BYTES label bytes.
// MAX_LABEL_BYTES is compiler/lower/metrics.ts's too.
// @ts-ignore: decorator
@inline export const MAX_LABEL_BYTES: u32 = 64;
// @ts-ignore: decorator
@inline const LABEL_ENTRY: u32 = 8 + MAX_LABEL_BYTES;
// @ts-ignore: decorator
@inline const LABEL_HEAD: u32 = 16;

/**
 * The label text of `value` into the scratch's label: bytes other than A-Z a-z 0-9 _ - become `_`, the first
 * MAX_LABEL_BYTES kept. Its length, or -1 - length when the label differs from the value (changed or cut).
 */
function labelOf(value: Str, labelScratch: usize): i32 {
  const len = strLen(value);
  const n = len < MAX_LABEL_BYTES ? len : MAX_LABEL_BYTES;
  const p = strPtr(value);
  let same = n == len;
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(p + i);
    const keep = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c == 0x5f || c == 0x2d;
    if (!keep) same = false;
    store<u8>(labelScratch + i, keep ? c : 0x5f);
  }
  return same ? <i32>n : -1 - <i32>n;
}

/** `by=.=LABEL;.;NAME`: the flat name Envoy's `stats_tags` turn back into NAME with the tag by=LABEL. */
function defineLabeled(name: Str, label: usize, labelLen: usize, scratch: usize): u32 {
  const nameScratch = scratch + NAME_AT;
  let at = nameScratch;
  store<u32>(at, 0x2e3d7962); // "by=."
  store<u8>(at + 4, 0x3d); // "="
  at += 5;
  memory.copy(at, label, labelLen);
  at += labelLen;
  store<u16>(at, 0x2e3b); // ";."
  store<u8>(at + 2, 0x3b); // ";"
  at += 3;
  memory.copy(at, strPtr(name), strLen(name));
  at += strLen(name);
  proxy_define_metric(0, nameScratch, at - nameScratch, scratch);
  return load<u32>(scratch);
}

/** Sets a label table up the first time (a reconfiguration keeps the values a worker has seen, and their ids). */
export function labelsInit(table: usize, capacity: u32, fixed: bool, name: Str, scratch: usize): void {
  if (load<u32>(table, 4) != 0) return;
  const labelScratch = scratch + LABEL_AT;
  store<u32>(table, capacity, 4);
  // "other", written here: an initialised memory.data would be in every module, metrics or not.
  store<u32>(labelScratch, 0x6568746f);
  store<u8>(labelScratch + 4, 0x72);
  store<u32>(table, defineLabeled(name, labelScratch, 5, scratch), 8);
  store<u32>(table, fixed ? 1 : 0, 12);
}

/** One value of an `only` list, defined in proxy_on_configure. */
export function labelsAdd(table: usize, name: Str, value: Str, scratch: usize): void {
  const used = load<u32>(table);
  if (used >= load<u32>(table, 4)) return;
  const entry = table + LABEL_HEAD + used * LABEL_ENTRY;
  const n = strLen(value);
  memory.copy(entry + 8, strPtr(value), n);
  store<u32>(entry, defineLabeled(name, strPtr(value), n, scratch));
  store<u32>(entry, <u32>n, 4);
  store<u32>(table, used + 1);
}

/**
 * `count NAME by VALUE`: the counter of VALUE's label; `other` for an absent or empty value, a value outside an
 * `only` list, or a new value once the table is full. Linear in the label and the table, both bounded.
 */
export function labelsCount(table: usize, name: Str, value: Str, scratch: usize): void {
  const labelScratch = scratch + LABEL_AT;
  let id = load<u32>(table, 8);
  if (value != ABSENT && strLen(value) != 0) {
    const fixed = load<u32>(table, 12) != 0;
    let n = labelOf(value, labelScratch);
    // An `only` item is a label as written: a value that had to change is none of them.
    if (n < 0 && fixed) n = -1;
    else {
      if (n < 0) n = -1 - n;
      const used = load<u32>(table);
      let found = false;
      for (let i: u32 = 0; i < used; i++) {
        const entry = table + LABEL_HEAD + i * LABEL_ENTRY;
        if (load<u32>(entry, 4) == <u32>n && bytesEqual(entry + 8, labelScratch, n)) {
          id = load<u32>(entry);
          found = true;
          break;
        }
      }
      if (!found && !fixed && used < load<u32>(table, 4)) {
        const entry = table + LABEL_HEAD + used * LABEL_ENTRY;
        memory.copy(entry + 8, labelScratch, n);
        id = defineLabeled(name, labelScratch, n, scratch);
        store<u32>(entry, id);
        store<u32>(entry, <u32>n, 4);
        store<u32>(table, used + 1);
      }
    }
  }
  proxy_increment_metric(id, 1);
}
