import type { TargetId } from "./options.js";
import type { Target } from "./target.js";
import { envoyTarget } from "./targets/envoy.js";
import { envoyFilterTarget } from "./targets/envoyfilter.js";
import { wasmPluginTarget } from "./targets/wasmplugin.js";

/** Every target, in the order the menu offers them. */
export const TARGETS: Readonly<Record<TargetId, Target>> = {
  envoyfilter: envoyFilterTarget,
  wasmplugin: wasmPluginTarget,
  envoy: envoyTarget,
};
