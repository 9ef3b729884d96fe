// Shadow mode (docs/language.md, "Shadow mode: rolling out a rule"): a shadowed rule is evaluated, and instead of
// enforcing its actions it logs what it would have done and counts a counter of its own. Each named rule's mode is
// its declared one unless the plugin configuration's `shadow_rules` or `enforce_rules` names it; a rule named in
// both keeps its declared mode, with a warning. Only filters with a shadow rule link this file.
import { LOG_INFO, LOG_WARN, proxy_increment_metric } from "./abi";
import { configEntryName, configList, configRuleIndex } from "./config";
import { log, logParts } from "./log";
import { arenaAlloc } from "./memory";
import { Str, str } from "./str";

/** Bits of a rule's entry in `modes`: the list of the configuration that named it. */
export const SHADOW_LISTED: u8 = 1;
export const ENFORCE_LISTED: u8 = 2;

// A byte per key table entry; in the arena, so it lives as long as proxy_on_configure.
let modes: usize = 0;

/** Forgets the lists of the previous configuration; in proxy_on_configure, before the lists are read. */
export function shadowModesReset(entries: u32): void {
  modes = arenaAlloc(entries);
  memory.fill(modes, 0, entries);
}

/**
 * Notes the rules the current key's list names (configList: a list of strings, or a warning and nothing) with
 * `bit`. A name that no rule has is ignored, as in `disabled_rules`.
 */
export function shadowModesRead(bit: u8): void {
  const list = configList();
  if (list == 0) return;
  const count = load<u32>(list);
  let name = list + 4;
  for (let i: u32 = 0; i < count; i++) {
    const rule = configRuleIndex(name);
    if (rule >= 0) store<u8>(modes + <usize>rule, load<u8>(modes + <usize>rule) | bit);
    name += 4 + <usize>load<u32>(name);
  }
}

/** Whether the rule at key table entry `index` runs in shadow mode, given its declared mode. */
export function shadowMode(index: i32, declared: bool): bool {
  const listed = load<u8>(modes + <usize>index);
  if (listed == (SHADOW_LISTED | ENFORCE_LISTED)) {
    logParts(LOG_WARN, BOTH(), configEntryName(index), KEPT());
    return declared;
  }
  if (listed == SHADOW_LISTED) return true;
  if (listed == ENFORCE_LISTED) return false;
  return declared;
}

/** A shadowed rule fired: its line (`shadow rule "NAME": would deny 403`) at info level, and its counter. */
export function shadowFired(metric: u32, line: Str): void {
  log(LOG_INFO, line);
  proxy_increment_metric(metric, 1);
}

// Static data is emitted once per call site of these inlined functions, so each is called from one place only.
/** "plugin configuration: rule in both shadow_rules and enforce_rules: " */
// @ts-ignore: decorator
@inline function BOTH(): Str {
  return str(memory.data<u8>([112,108,117,103,105,110,32,99,111,110,102,105,103,117,114,97,116,105,111,110,58,32,114,117,108,101,32,105,110,32,98,111,116,104,32,115,104,97,100,111,119,95,114,117,108,101,115,32,97,110,100,32,101,110,102,111,114,99,101,95,114,117,108,101,115,58,32]), 67);
}

/** ", its declared mode kept" */
// @ts-ignore: decorator
@inline function KEPT(): Str {
  return str(memory.data<u8>([44,32,105,116,115,32,100,101,99,108,97,114,101,100,32,109,111,100,101,32,107,101,112,116]), 24);
}
