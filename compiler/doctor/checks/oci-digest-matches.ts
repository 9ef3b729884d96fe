import type { DoctorCheck } from "../check.js";
import { imageSources } from "../image-sources.js";
import { ociManifest } from "../oci-layout.js";
import { spanOf } from "../yaml-files.js";

const check: DoctorCheck = {
  meta: {
    code: "D015",
    id: "oci-digest-matches",
    severity: "error",
    title: "an OCI image's sha256 is not the image's manifest digest",
    why: "For an OCI url, Istio's agent (pkg/wasm/imagefetcher.go) and Envoy Gateway compare `sha256` with the image manifest digest, not the module's: another value fails the pull, and a fail-closed WasmPlugin is replaced by a deny-all filter.",
    fix: "write the manifest digest that `filterc package --oci PATH --image REF` prints (it writes it into the YAML), without the `sha256:` prefix",
  },
  run(context) {
    const found = context.oci === undefined ? undefined : ociManifest(context.oci);
    const digest = found !== undefined && "digest" in found ? found.digest.slice("sha256:".length) : undefined;
    for (const source of imageSources(context.output)) {
      if (source.sha256 === undefined || source.sha256 === null) continue;
      const span = spanOf(source.object, source.shaPath);
      // An unquoted all-digit digest reads as a YAML number, which loses digits: compare the text as written.
      const written = typeof source.sha256 === "number" ? source.object.source.text.slice(span.start, span.end) : String(source.sha256);
      const sha = written.toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(sha)) {
        context.report({ source: source.object.source, span, message: `${source.what} sha256 ${written} is not 64 hex digits: Istio's CRD and Envoy Gateway refuse it`, hint: check.meta.fix });
      } else if (digest !== undefined && sha !== digest) {
        context.report({ source: source.object.source, span, message: `${source.what} sha256 ${sha} is not the image's manifest digest (${digest})`, hint: check.meta.fix });
      }
    }
  },
};

export default check;
