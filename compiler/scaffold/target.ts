import type { ScaffoldOptions, TargetId } from "./options.js";
import type { Template } from "./template.js";

/** Where the filter will run: what filterc.yaml sets for it and how the README deploys it. */
export interface Target {
  readonly id: TargetId;
  /** As the interactive menu and the README show it. */
  readonly title: string;
  /** How the filter gets deployed, to finish "a filter, deployed with ...". */
  readonly deployedWith: string;
  /** One line for the menu: when to choose this target. */
  readonly summary: string;
  /** The file of `filterc build`'s output that deploys the filter. */
  readonly deploymentFile: string;
  /** Whether the target is a Kubernetes resource, which has a namespace. */
  readonly usesNamespace: boolean;
  /** The settings of filterc.yaml after its header, commented. */
  projectSettings(options: ScaffoldOptions, template: Template): string;
  /** The README's "Deploy" section, with the exact commands. */
  deploySection(options: ScaffoldOptions, template: Template): string;
  /** How to change the plugin configuration of the deployed filter (params, disabled rules) without a rebuild. */
  configureSection(options: ScaffoldOptions, template: Template): string;
}
