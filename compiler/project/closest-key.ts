import { closestName } from "../../grammar/suggest.js";

/**
 * Keys and enum values people bring from the formats filterc writes: Istio and Envoy spell the same settings
 * differently, and a user who knows those spellings should be pointed at ours.
 */
const ALIASES: Readonly<Record<string, string>> = {
  workloadselector: "selector",
  matchlabels: "selector",
  labels: "selector",
  targetref: "targetRefs",
  failstrategy: "failurePolicy",
  failopen: "failurePolicy",
  pluginname: "rootId",
  ns: "namespace",
  failclose: "fail-closed",
  failreload: "reload",
};

/** Case, `-`, `_` and spaces do not distinguish our names, so `root_id`, `ROOTID` and `rootId` compare equal. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, "");
}

/**
 * The candidate the user most likely meant: the same name in another spelling, a known alias, one name
 * inside the other (`warning` for `warn`), or a near miss by edit distance. Undefined when nothing is plausible.
 */
export function closestKey(name: string, candidates: readonly string[]): string | undefined {
  const wanted = normalize(name);
  if (wanted === "") return undefined;
  const same = candidates.find((c) => normalize(c) === wanted);
  if (same !== undefined) return same;
  const alias = ALIASES[wanted];
  if (alias !== undefined && candidates.includes(alias)) return alias;
  // One name inside the other: `warning` for `warn`, `open` for `fail-open`. Only when that points one way.
  const containing = candidates.filter((c) => {
    const n = normalize(c);
    return n.length >= 3 && wanted.length >= 3 && (n.includes(wanted) || wanted.includes(n));
  });
  if (containing.length === 1) return containing[0];
  return closestName(name, candidates);
}
