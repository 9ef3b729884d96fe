// Not from istio-wasm-fields.ts: that module brings the YAML writer, which lint and explain must not load.
import { isOciUrl } from "../emit/oci-url.js";
import type { BuildOutput } from "./build-output.js";
import { namespaceOf } from "./resources.js";
import type { YamlObject } from "./yaml-files.js";

type Path = (string | number)[];

/** One place a resource loads the module from an OCI image: where its sha256 and pull secret are written. */
export interface ImageSource {
  readonly object: YamlObject;
  readonly what: string;
  readonly url: string;
  readonly shaPath: Path;
  readonly sha256: unknown;
  /** The Secret the image is pulled with, and the namespace it must be in. */
  readonly pullSecret?: { readonly name: string; readonly namespace: string; readonly path: Path };
}

/**
 * The image sources of the output: a WasmPlugin's `spec` and a TrafficExtension's `spec.wasm` (url, sha256,
 * imagePullSecret, a Secret in the resource's namespace), and each EnvoyExtensionPolicy wasm entry of type Image
 * (`code.image`: url, sha256, pullSecretRef with its own optional namespace).
 */
export function imageSources(output: BuildOutput): ImageSource[] {
  const sources: ImageSource[] = [];
  const istio: [YamlObject | undefined, Path][] = [[output.wasmPlugin, ["spec"]], [output.trafficExtension, ["spec", "wasm"]]];
  for (const [object, at] of istio) {
    const wasm = at.reduce<any>((v, key) => v?.[key], object?.value);
    if (object === undefined || typeof wasm?.url !== "string" || !isOciUrl(wasm.url)) continue;
    const secret = wasm.imagePullSecret;
    sources.push({
      object, what: `the ${object.value.kind}'s`, url: wasm.url, shaPath: [...at, "sha256"], sha256: wasm.sha256,
      ...(typeof secret === "string" && secret !== "" ? { pullSecret: { name: secret, namespace: namespaceOf(object), path: [...at, "imagePullSecret"] } } : {}),
    });
  }
  const policy = output.envoyExtensionPolicy;
  const entries: any[] = Array.isArray(policy?.value.spec?.wasm) ? policy!.value.spec.wasm : [];
  for (const [i, entry] of entries.entries()) {
    const image = entry?.code?.image;
    if (entry?.code?.type !== "Image" || typeof image?.url !== "string") continue;
    const ref = image.pullSecretRef;
    sources.push({
      object: policy!, what: "the EnvoyExtensionPolicy's image", url: image.url, shaPath: ["spec", "wasm", i, "code", "image", "sha256"], sha256: image.sha256,
      ...(typeof ref?.name === "string" ? { pullSecret: { name: ref.name, namespace: typeof ref.namespace === "string" ? ref.namespace : namespaceOf(policy!), path: ["spec", "wasm", i, "code", "image", "pullSecretRef", "name"] } } : {}),
    });
  }
  return sources;
}
