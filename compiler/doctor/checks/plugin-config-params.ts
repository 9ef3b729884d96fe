import { describeFound, describeType, hasType } from "../../project/param-values.js";
import { DISABLED_RULES_KEY, unknownConfigKeys } from "../../project/unknown-config-keys.js";
import type { DoctorCheck } from "../check.js";
import { pluginConfigs } from "../plugin-configs.js";
import { spanOf } from "../yaml-files.js";

/** The same comparison `filterc build` (E0512) and lint's plugin-config-param make, on what will be applied. */
const check: DoctorCheck = {
  meta: {
    code: "D012",
    id: "plugin-config-params",
    severity: "error",
    title: "the plugin configuration does not match the rules' params",
    why: "The filter ignores a key no param declares and keeps a param's default when the value has another type, with only a warning in the proxy's log; a configuration that is not a JSON map is refused and the filter fails to configure.",
    fix: "use the params' names and types (`filterc build` writes their defaults), or change the params in the rules",
  },
  run(context) {
    const facts = context.output.map?.facts;
    if (facts === undefined) return;
    const types = new Map(facts.params.map((p) => [p.name, p.type]));
    for (const at of pluginConfigs(context.output)) {
      if (at.config === undefined) {
        context.report({ source: at.object.source, span: spanOf(at.object, at.path), message: `the plugin configuration \`${at.text.slice(0, 60)}\` is not a JSON map, so the filter refuses it and does not start`, hint: check.meta.fix });
        continue;
      }
      for (const { name, suggestion } of unknownConfigKeys(at.config, [...types.keys(), ...facts.settings])) {
        context.report({ source: at.object.source, span: spanOf(at.object, at.path), message: `the plugin configuration sets \`${name}\`, which is not a param of the rules; the filter ignores it`, hint: suggestion ?? `declare it with \`param ${name} = ...\`, or remove it` });
      }
      for (const [name, value] of Object.entries(at.config)) {
        const type = types.get(name);
        if (name === DISABLED_RULES_KEY) {
          if (Array.isArray(value) && value.every((v) => typeof v === "string")) continue;
          context.report({ source: at.object.source, span: spanOf(at.object, at.path), message: `\`${DISABLED_RULES_KEY}\` is a list of rule names, but the plugin configuration gives ${describeFound(value)}`, hint: check.meta.fix });
          continue;
        }
        if (type === undefined || hasType(value, type)) continue;
        context.report({ source: at.object.source, span: spanOf(at.object, at.path), message: `param \`${name}\` is ${describeType(type)}, but the plugin configuration gives ${describeFound(value)}; the filter keeps the default`, hint: check.meta.fix });
      }
    }
  },
};

export default check;
