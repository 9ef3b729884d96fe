import type { TrafficContext } from "../emit/settings.js";
import type { TemplateId } from "./options.js";

/** A starting point for a new project: a rule file that compiles and the test cases it passes. */
export interface Template {
  readonly id: TemplateId;
  /** As the interactive menu and the README show it. */
  readonly title: string;
  /** One sentence: what the filter does. */
  readonly summary: string;
  /** The rule file, commented for someone who has never seen the language. */
  readonly rules: string;
  /** The `cases:` of `<name>.test.yaml`; the scaffold adds a header comment naming the rule file. */
  readonly cases: string;
  /** One request that shows the filter at work once deployed, for the README. */
  readonly tryIt: TryIt;
  /** A plugin configuration that changes a param, for the README's "without a rebuild" section. */
  readonly configExample: Readonly<Record<string, unknown>>;
  /** A named rule of the template, to show `disabled_rules`. */
  readonly exampleRule: string;
  /** Where an Istio deployment must run it when an application's inbound sidecar is the wrong place. */
  readonly placement?: Placement;
}

/** A workload other than the application's pods: the ingress gateway, for filters that must act before routing. */
export interface Placement {
  readonly context: TrafficContext;
  readonly namespace: string;
  /** The Deployment and Service of that workload, and its pods' labels. */
  readonly deployment: string;
  readonly selector: Readonly<Record<string, string>>;
  /** filterc.yaml's comment: why the filter runs there (lines without the leading `# `). */
  readonly why: readonly string[];
}

export interface TryIt {
  /** Path and query of the request. */
  readonly path: string;
  /** Extra request headers, as curl `-H` arguments take them. */
  readonly headers?: readonly string[];
  /** What to look for in the answer (Markdown). */
  readonly look: string;
}
