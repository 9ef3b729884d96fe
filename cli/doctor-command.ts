import type { Command } from "commander";
import { writeReportFile } from "../compiler/file-errors.js";
import { DOCTOR_CODES, OutputFolderError, runDoctor, YamlFileError } from "../compiler/doctor/index.js";
import { parseReleaseLine, type TargetVersions } from "../compiler/emit/versions.js";
import { FORMATTERS, isFormatName, totals } from "../compiler/lint/index.js";
import { didYouMean } from "../grammar/suggest.js";
import { packageVersion } from "./package-version.js";
import { EXIT_OK, EXIT_PROBLEMS, useColor } from "./terminal.js";
import { UsageError } from "./usage-error.js";

interface DoctorFlags {
  manifests?: string[];
  istioVersion?: string;
  envoyVersion?: string;
  memoryBudget?: string;
  oci?: string;
  workers: string;
  format: string;
  outputFile?: string;
  color?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check a build's output against the manifests and target versions before deploying it")
    .argument("[out]", "the output folder of `filterc build`", "out")
    .option("--manifests <path>", "a Kubernetes manifest file or folder the deployment meets (repeatable)", collect)
    .option("--istio-version <x.y>", "the Istio release the proxies run")
    .option("--envoy-version <x.y>", "the Envoy release (default: the one --istio-version ships)")
    .option("--memory-budget <bytes>", "the most memory the filter may take per proxy: bytes, or with Ki, Mi or Gi")
    .option("--oci <path>", "the OCI image layout directory or .tar that `filterc package --oci` wrote, to check with the output")
    .option("--workers <n>", "worker threads per proxy (Istio's default concurrency is 2)", "2")
    .option("-f, --format <format>", "stylish, json, sarif or github", "stylish")
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .option("--no-color", "never color the report")
    .action(async (out: string, flags: DoctorFlags) => {
      process.exitCode = await doctor(out, flags);
    });
}

async function doctor(out: string, flags: DoctorFlags): Promise<number> {
  if (!isFormatName(flags.format)) {
    const hint = didYouMean(flags.format, Object.keys(FORMATTERS));
    throw new UsageError(`unknown format \`${flags.format}\`; the formats are ${Object.keys(FORMATTERS).join(", ")}${hint === undefined ? "" : ` (${hint})`}`);
  }
  const workers = Number(flags.workers);
  if (!/^\d+$/.test(flags.workers) || workers < 1 || workers > 1024) throw new UsageError(`--workers takes a whole number from 1 to 1024, not ${flags.workers}`);
  let results;
  try {
    results = await runDoctor({
      outDir: out,
      manifests: flags.manifests ?? [],
      versions: versionsFromFlags(flags),
      ...(flags.memoryBudget === undefined ? {} : { memoryBudget: parseBytes(flags.memoryBudget) }),
      workers,
      ...(flags.oci === undefined ? {} : { oci: flags.oci }),
      cwd: process.cwd(),
    });
  } catch (error) {
    if (error instanceof OutputFolderError || error instanceof YamlFileError) throw new UsageError(error.message);
    throw error;
  }
  const toFile = flags.outputFile !== undefined;
  const report = FORMATTERS[flags.format](results, {
    rulesMeta: {},
    codeTitles: Object.fromEntries(Object.entries(DOCTOR_CODES).map(([code, doc]) => [code, doc.title])),
    color: flags.format === "stylish" && !toFile && useColor(process.stdout, flags.color),
    cwd: process.cwd(),
    toolVersion: packageVersion(),
  });
  if (toFile) writeReportFile(flags.outputFile!, report);
  else process.stdout.write(report);
  return totals(results).errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function versionsFromFlags(flags: DoctorFlags): TargetVersions {
  const read = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    const line = parseReleaseLine(value);
    if (line === undefined) throw new UsageError(`${flag} takes a release such as 1.25 or 1.25.3, not ${value}`);
    return line;
  };
  const istio = read(flags.istioVersion, "--istio-version");
  const envoy = read(flags.envoyVersion, "--envoy-version");
  return { ...(istio === undefined ? {} : { istio }), ...(envoy === undefined ? {} : { envoy }) };
}

const UNITS: Record<string, number> = { "": 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** `--memory-budget 50Mi`: Kubernetes' binary suffixes, as in a container's memory limit. */
function parseBytes(text: string): number {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(text);
  if (match === null) throw new UsageError(`--memory-budget takes bytes, optionally with Ki, Mi or Gi (as in 64Mi), not ${text}`);
  return Number(match[1]) * UNITS[match[2] ?? ""]!;
}
