import type { Span } from "../../grammar/ast.js";
import type { Source } from "../../grammar/source.js";
import type { TargetVersions } from "../emit/versions.js";
import type { BuildOutput } from "./build-output.js";
import type { OciLayout } from "./oci-layout.js";
import type { YamlObject } from "./yaml-files.js";

/** A doctor check's identity, like a lint rule's meta: its code (D001-D099), what it looks at, why, how to fix. */
export interface DoctorCheckMeta {
  readonly code: string;
  /** Kebab-case, equal to the module's file name. */
  readonly id: string;
  readonly severity: "error" | "warning";
  /** One line, for `filterc explain` and SARIF rule metadata. */
  readonly title: string;
  /** Why the problem stops the filter from attaching, loading or behaving. */
  readonly why: string;
  /** What to change. */
  readonly fix: string;
}

export interface DoctorFinding {
  readonly source: Source;
  readonly span: Span;
  readonly message: string;
  readonly hint?: string;
}

/** Everything a check may look at: the build output, the manifests it will meet, the target versions. */
export interface DoctorContext {
  readonly output: BuildOutput;
  /** The objects of the `--manifests` files; empty when none were given. */
  readonly manifests: readonly YamlObject[];
  readonly manifestsGiven: boolean;
  readonly versions: TargetVersions;
  /** `--memory-budget` in bytes, and the worker threads each proxy runs (`--workers`). */
  readonly memoryBudget?: number;
  readonly workers: number;
  /** The image `--oci` names (a layout directory or its .tar); absent without the flag. */
  readonly oci?: OciLayout;
  report(finding: DoctorFinding): void;
}

export interface DoctorCheck {
  readonly meta: DoctorCheckMeta;
  run(context: DoctorContext): void | Promise<void>;
}
