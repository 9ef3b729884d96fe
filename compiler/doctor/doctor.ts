import { makeResult, type LintMessage, type LintResult } from "../lint/result.js";
import type { Source } from "../../grammar/source.js";
import type { TargetVersions } from "../emit/versions.js";
import { readBuildOutput } from "./build-output.js";
import type { DoctorContext, DoctorFinding } from "./check.js";
import { CHECKS } from "./checks/index.js";
import { readOciLayout } from "./oci-layout.js";
import { readYamlTree, type YamlObject } from "./yaml-files.js";

export interface DoctorRequest {
  /** The output folder of `filterc build`. */
  readonly outDir: string;
  /** Files or folders of Kubernetes manifests the deployment will meet. */
  readonly manifests: readonly string[];
  readonly versions: TargetVersions;
  readonly memoryBudget?: number;
  readonly workers: number;
  /** `--oci`: the image layout directory or .tar that `filterc package --oci` wrote. */
  readonly oci?: string;
  /** Paths in findings are shown relative to it. */
  readonly cwd: string;
}

/**
 * `filterc doctor`: every check over a build's output and the manifests, as lint results (one per file with
 * findings), so lint's formatters print them. Reading problems (no output folder, a manifest that is not YAML)
 * throw OutputFolderError / YamlFileError / FileAccessError for the CLI to report as usage errors.
 */
export async function runDoctor(request: DoctorRequest): Promise<LintResult[]> {
  const output = readBuildOutput(request.outDir, request.cwd);
  const manifests: YamlObject[] = request.manifests.flatMap((path) => readYamlTree(path, request.cwd));
  const oci = request.oci === undefined ? undefined : readOciLayout(request.oci, request.cwd);
  const findings = new Map<Source, LintMessage[]>();
  for (const check of CHECKS) {
    const context: DoctorContext = {
      output,
      manifests,
      manifestsGiven: request.manifests.length > 0,
      versions: request.versions,
      ...(request.memoryBudget === undefined ? {} : { memoryBudget: request.memoryBudget }),
      workers: request.workers,
      ...(oci === undefined ? {} : { oci }),
      report(finding: DoctorFinding) {
        const message: LintMessage = { code: check.meta.code, severity: check.meta.severity, message: finding.message, span: finding.span, ...(finding.hint === undefined ? {} : { hint: finding.hint }) };
        findings.set(finding.source, [...(findings.get(finding.source) ?? []), message]);
      },
    };
    await check.run(context);
  }
  return [...findings].map(([source, messages]) => makeResult(source, messages)).sort((a, b) => a.filePath.localeCompare(b.filePath));
}
