import type { TryIt } from "../template.js";

/** `curl -si [-H ...] BASE/PATH`, quoted for a POSIX shell. */
export function curlArguments(tryIt: TryIt, base: string): string {
  const headers = (tryIt.headers ?? []).map((h) => `-H '${h}' `).join("");
  return `curl -si ${headers}${base}${tryIt.path}`;
}
