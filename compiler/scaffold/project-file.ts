import { stringify } from "yaml";
import type { ScaffoldOptions } from "./options.js";
import type { Target } from "./target.js";
import type { Template } from "./template.js";

/**
 * filterc.yaml for the chosen target. The first line points editors with YAML support at the schema, which an
 * installation of filterc in the project's node_modules provides.
 */
export function projectFile(options: ScaffoldOptions, template: Template, target: Target): string {
  return `# yaml-language-server: $schema=./node_modules/filterc/schemas/filterc.schema.json
# Settings for filterc build, lint and test in this directory. Every key is optional, and a flag of
# \`filterc build\` wins over its key. All the keys: deploy.md in filterc's documentation.

${target.projectSettings(options, template)}
${pluginConfigExample(options, template)}`;
}

/** A commented-out pluginConfig, so the key is there to find: it deploys with the filter, unlike a kubectl patch. */
function pluginConfigExample(options: ScaffoldOptions, template: Template): string {
  const entries = Object.entries({ ...template.configExample, disabled_rules: [template.exampleRule] });
  const commented = ["# pluginConfig:", ...entries.map(([key, value]) => `#   ${key}: ${stringify(value, { collectionStyle: "flow", flowCollectionPadding: false }).trimEnd()}`)].join("\n");
  return `# The plugin configuration deployed with the filter: param values over the defaults in ${options.name}.fw, and
# named rules to switch off. \`filterc build\` writes it into the deployment files; \`filterc lint\` checks it.
${commented}
`;
}
