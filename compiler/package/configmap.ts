import { posix } from "node:path";
import type { DeploymentSettings } from "../emit/settings.js";
import { kubernetesMetadata } from "../emit/kubernetes-metadata.js";
import { generatedHeader, yamlText } from "../emit/yaml-text.js";
import { PackageCode, PackageError } from "./package-codes.js";

/**
 * Kubernetes refuses a ConfigMap whose data and binaryData together exceed 1 MiB (MaxSecretSize, checked by
 * ValidateConfigMap in pkg/apis/core/validation/validation.go, on the decoded bytes).
 */
export const CONFIGMAP_LIMIT = 1024 * 1024;
/**
 * Client-side `kubectl apply` copies the whole object, binaryData base64-encoded (4/3 of the module), into the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and annotations may total only 262,144 bytes
 * (TotalAnnotationSizeLimitB in apimachinery's ValidateAnnotations): past about 190 KiB of module, apply fails.
 */
export const CLIENT_APPLY_LIMIT = 190 * 1024;

const VOLUME = "filterc-wasm";

export interface ConfigMapPackage {
  readonly files: readonly { readonly name: string; readonly content: string }[];
  readonly notes: readonly string[];
}

/**
 * configmap.yaml (the module as binaryData) and wasm-mount.yaml (a patch for the workload's pod template), so the
 * local-file deployment (EnvoyFilter `local.filename`, WasmPlugin `file://`) survives a pod restart: Istio's injector
 * adds the `sidecar.istio.io/userVolume` volumes to the pod and mounts `userVolumeMount` into istio-proxy
 * (pkg/kube/inject/template). The mount uses subPath so the file lands exactly at the wasm path, not a directory over it.
 */
export function configMapPackage(wasm: Uint8Array, sha256: string, settings: DeploymentSettings): ConfigMapPackage {
  if (wasm.length > CONFIGMAP_LIMIT) {
    throw new PackageError(
      PackageCode.configMapTooLarge,
      `filter.wasm is ${wasm.length} bytes, over the ${CONFIGMAP_LIMIT}-byte (1 MiB) limit of a ConfigMap; nothing was written`,
      "ship it as an OCI image instead (--oci DIR --image REGISTRY/NAME:TAG), or make it smaller (--optimize size)",
      false,
    );
  }
  const name = `${settings.name}-wasm`.slice(0, 253);
  const key = posix.basename(settings.wasmPath);
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { ...kubernetesMetadata(settings), name },
    binaryData: { [key]: Buffer.from(wasm).toString("base64") },
  };
  const configHeader = [...generatedHeader(sha256), `Create with: kubectl create -f configmap.yaml (or kubectl apply --server-side -f configmap.yaml).`];
  const volume = [{ name: VOLUME, configMap: { name } }];
  const mount = [{ name: VOLUME, mountPath: settings.wasmPath, subPath: key, readOnly: true }];
  const patch = {
    spec: {
      template: {
        metadata: {
          annotations: {
            "sidecar.istio.io/userVolume": JSON.stringify(volume),
            "sidecar.istio.io/userVolumeMount": JSON.stringify(mount),
          },
        },
      },
    },
  };
  const patchHeader = [
    ...generatedHeader(sha256),
    `Mounts ConfigMap ${name} at ${settings.wasmPath} in the istio-proxy container, where envoyfilter.yaml and a file:// url load it.`,
    `Apply to the workload the filter selects: kubectl -n ${settings.namespace} patch deployment WORKLOAD --patch-file wasm-mount.yaml`,
  ];
  const notes =
    wasm.length > CLIENT_APPLY_LIMIT
      ? [`filter.wasm is ${wasm.length} bytes: \`kubectl apply -f configmap.yaml\` (client-side) fails on its 262,144-byte last-applied annotation; use \`kubectl create -f\` or \`kubectl apply --server-side -f\``]
      : [];
  return {
    files: [
      { name: "configmap.yaml", content: yamlText(configHeader, configMap) },
      { name: "wasm-mount.yaml", content: yamlText(patchHeader, patch) },
    ],
    notes,
  };
}
