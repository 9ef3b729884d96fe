/** Istio reads a url with `oci://` or without a scheme as an OCI image reference (pkg/wasm/cache.go). */
export function isOciUrl(url: string): boolean {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === "oci";
}
