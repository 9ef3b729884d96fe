import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultSettings } from "../../compiler/emit/index.js";
import { CLIENT_APPLY_LIMIT, CONFIGMAP_LIMIT, configMapPackage } from "../../compiler/package/configmap.js";
import { PackageError } from "../../compiler/package/package-codes.js";

const settings = { ...defaultSettings("add-header.fw"), namespace: "shop", wasmPath: "/var/local/wasm/add.wasm" };
const files = (size: number) => configMapPackage(new Uint8Array(size).fill(7), "ab".repeat(32), settings);

describe("configMapPackage", () => {
  it("puts the module in binaryData under the wasm file's name, and mounts it at the wasm path with subPath", () => {
    const pkg = files(1000);
    const [configMap, mount] = pkg.files.map((f) => parse(f.content));
    expect(pkg.files.map((f) => f.name)).toEqual(["configmap.yaml", "wasm-mount.yaml"]);
    expect(configMap.kind).toBe("ConfigMap");
    expect(configMap.metadata).toMatchObject({ name: "add-header-wasm", namespace: "shop" });
    expect(Buffer.from(configMap.binaryData["add.wasm"], "base64")).toEqual(Buffer.alloc(1000, 7));
    const annotations = mount.spec.template.metadata.annotations;
    expect(JSON.parse(annotations["sidecar.istio.io/userVolume"])).toEqual([{ name: "filterc-wasm", configMap: { name: "add-header-wasm" } }]);
    expect(JSON.parse(annotations["sidecar.istio.io/userVolumeMount"])).toEqual([{ name: "filterc-wasm", mountPath: "/var/local/wasm/add.wasm", subPath: "add.wasm", readOnly: true }]);
    expect(pkg.notes).toEqual([]);
  });

  it("accepts exactly 1 MiB and refuses one byte more with E0631, an input problem", () => {
    expect(files(CONFIGMAP_LIMIT).files).toHaveLength(2);
    let error: unknown;
    try {
      files(CONFIGMAP_LIMIT + 1);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).code).toBe("E0631");
    expect((error as PackageError).usage).toBe(false);
    expect((error as PackageError).message).toContain(`${CONFIGMAP_LIMIT + 1} bytes, over the 1048576-byte (1 MiB) limit`);
  });

  it("notes above 190 KiB that client-side kubectl apply fails, with what to use instead", () => {
    expect(files(CLIENT_APPLY_LIMIT).notes).toEqual([]);
    const [note] = files(CLIENT_APPLY_LIMIT + 1).notes;
    expect(note).toContain("262,144-byte");
    expect(note).toContain("kubectl create -f");
    expect(note).toContain("--server-side");
  });
});
