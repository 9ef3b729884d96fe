import { describe, expect, it } from "vitest";
import { parseImageReference } from "../../compiler/package/image-reference.js";
import { PackageError } from "../../compiler/package/package-codes.js";

function refusal(text: string): PackageError {
  try {
    parseImageReference(text);
  } catch (error) {
    if (error instanceof PackageError) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe("parseImageReference", () => {
  it.each([
    ["registry.example.com/filters/hello:1.0.0", "registry.example.com", "filters/hello", "1.0.0"],
    ["localhost:5000/hello:dev", "localhost:5000", "hello", "dev"],
    ["localhost/a__b/c-d.e:v1_2", "localhost", "a__b/c-d.e", "v1_2"],
    ["ghcr.io/org/hello:latest", "ghcr.io", "org/hello", "latest"],
  ])("accepts %s", (text, registry, repository, tag) => {
    expect(parseImageReference(text)).toEqual({ reference: text, registry, repository, tag });
  });

  it.each([
    ["hello", "has no registry"],
    ["hello:1", "has no registry"],
    ["library/hello:1", "has no registry (library is not a host name)"],
    ["oci://r.example.com/a:1", "starts with oci://"],
    ["r.example.com/a", "has no tag"],
    ["r.example.com/a@sha256:0123", "has a digest"],
    ["r.example.com/Hello:1", "has upper-case letters in the repository"],
    ["r.example.com/a:b:c", "is not an image reference"],
    ["r.example.com/a:-x", "is not an image reference"],
  ])("refuses %s with E0630: %s", (text, why) => {
    const error = refusal(text);
    expect(error.code).toBe("E0630");
    expect(error.message).toBe(`--image ${JSON.stringify(text)} ${why}`);
    expect(error.hint.length).toBeGreaterThan(0);
  });
});
