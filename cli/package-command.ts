import { resolve } from "node:path";
import type { Command } from "commander";
import { buildProject } from "../compiler/build-project.js";
import { DEPLOYMENT_TARGETS } from "../compiler/emit/index.js";
import { configMapPackage } from "../compiler/package/configmap.js";
import { parseImageReference, type ImageReference } from "../compiler/package/image-reference.js";
import { ociImage, type OciImage } from "../compiler/package/oci-image.js";
import { checkOciOutput, writeOciImage } from "../compiler/package/write-oci.js";
import { EXIT_OK } from "./terminal.js";
import { UsageError } from "./usage-error.js";
import { buildRequest, reportBuild, withBuildOptions, type BuildFlags } from "./build-command.js";
import { preferQuickWasmStart } from "./wasm-start.js";

interface PackageFlags extends BuildFlags {
  oci?: string;
  image?: string;
  configmap?: boolean;
}

export function registerPackage(program: Command): void {
  withBuildOptions(program.command("package").description("build, then package filter.wasm as an OCI image and/or a ConfigMap with the YAML that loads it"))
    .option("--oci <path>", "write an OCI image layout: a directory, or one .tar file")
    .option("--image <ref>", "where the image will be pushed, REGISTRY/NAME:TAG: the YAML loads it from there, pinned by its digest")
    .option("--configmap", "also write configmap.yaml (the module as binaryData) and wasm-mount.yaml (the pod annotations that mount it)")
    .action(async (rules: string[], flags: PackageFlags) => {
      preferQuickWasmStart();
      process.exitCode = await runPackage(rules, flags);
    });
}

async function runPackage(rules: readonly string[], flags: PackageFlags): Promise<number> {
  if (flags.oci === undefined && flags.configmap !== true) throw new UsageError("filterc package needs --oci PATH (an OCI image), --configmap, or both");
  if (flags.image !== undefined && flags.oci === undefined) throw new UsageError("--image needs --oci PATH: the image is written there, then pushed to the reference with oras, crane or skopeo");
  // Flag and output problems come before the compiler runs, so they cost nothing and write nothing.
  const image: ImageReference | undefined = flags.image === undefined ? undefined : parseImageReference(flags.image);
  if (flags.oci !== undefined && resolve(flags.oci) === resolve(flags.output)) {
    throw new UsageError(`--oci ${flags.oci} is the output directory (-o ${flags.output}): the image layout and the deployment files need folders of their own`);
  }
  if (flags.oci !== undefined) checkOciOutput(flags.oci);
  let built: OciImage | undefined;
  let ociWritten: string[] = [];
  const outcome = await buildProject({
    ...buildRequest(rules, flags),
    defaultTargets: DEPLOYMENT_TARGETS,
    packaging: ({ wasm, sha256 }, settings) => {
      const oci = flags.oci === undefined ? undefined : ociImage(wasm, image);
      const configMap = flags.configmap === true ? configMapPackage(wasm, sha256, settings) : undefined;
      return {
        ...(oci !== undefined && image !== undefined ? { image: { reference: image.reference, manifestDigestHex: oci.manifestDigestHex } } : {}),
        files: configMap?.files ?? [],
        notes: configMap?.notes ?? [],
        beforeWrite: () => {
          if (oci === undefined) return;
          ociWritten = writeOciImage(flags.oci!, oci);
          built = oci;
        },
      };
    },
  });
  const status = reportBuild(rules, flags, outcome);
  if (status !== EXIT_OK || built === undefined) return status;
  process.stdout.write(`image ${flags.oci}: manifest digest ${built.manifest.digest}${image === undefined ? "" : ` (for ${image.reference})`}\n`);
  for (const file of ociWritten) process.stdout.write(`  wrote ${file}\n`);
  if (image !== undefined) process.stdout.write(`  push: ${pushCommand(flags.oci!, image)}\n`);
  return status;
}

/** How to put the layout into the registry; the tools read both forms without Docker. */
function pushCommand(path: string, image: ImageReference): string {
  return path.toLowerCase().endsWith(".tar") ? `skopeo copy oci-archive:${path}:${image.tag} docker://${image.reference}` : `oras cp --from-oci-layout ${path}:${image.tag} ${image.reference}`;
}
