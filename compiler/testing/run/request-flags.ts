import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { HeaderList, StreamSpec } from "../../../host/index.js";
import { DEFAULT_SOURCE_PORT, normalizeAddress } from "../address.js";
import { withFileErrors } from "../../file-errors.js";
import { decodeRuleText } from "../../rule-file.js";
import { TestInputError } from "../input-error.js";

/** What `filterc run` was told about the one request, as the flags spell it. */
export interface RequestFlags {
  /** `GET /admin`, `POST https://shop.example/cart?x=1`, or just a path. */
  readonly request?: string;
  /** `name: value`, repeatable. */
  readonly headers?: readonly string[];
  readonly body?: string;
  readonly source?: string;
  readonly destination?: string;
  readonly mtls?: boolean;
  readonly principal?: string;
  readonly responseStatus?: string;
  readonly responseHeaders?: readonly string[];
  readonly responseBody?: string;
}

/** The flags as a host StreamSpec; a malformed flag is a TestInputError naming the flag. */
export function streamSpecFromFlags(flags: RequestFlags): StreamSpec {
  const spec: StreamSpec = { request: { ...requestLine(flags.request ?? "GET /"), headers: headerFlags(flags.headers, "-H"), body: flags.body } };
  if (flags.source !== undefined) spec.source = addressFlag(flags.source, "--source", DEFAULT_SOURCE_PORT);
  if (flags.destination !== undefined) {
    spec.destination = /^\d+$/.test(flags.destination) ? `127.0.0.1:${flags.destination}` : addressFlag(flags.destination, "--destination", 8080);
  }
  if (flags.mtls === true || flags.principal !== undefined) spec.connection = { mtls: true, uriSanPeerCertificate: flags.principal };
  let status: number | undefined;
  if (flags.responseStatus !== undefined) {
    status = Number(flags.responseStatus);
    if (!/^\d{3}$/.test(flags.responseStatus) || status < 100 || status > 599) throw new TestInputError(`--response-status takes a status from 100 to 599, not ${flags.responseStatus}`);
  }
  spec.response = { status, headers: headerFlags(flags.responseHeaders, "--response-header"), body: flags.responseBody };
  return spec;
}

/** `GET /admin`, `GET https://host/path`, `/path`: method (default GET), path, and from a URL host and scheme. */
export function requestLine(text: string): { method: string; path: string; authority?: string; scheme?: string } {
  const parts = text.trim().split(/\s+/);
  if (parts.length > 2 || parts[0] === "") throw new TestInputError(`--request takes "METHOD PATH" or "METHOD URL", e.g. "GET /admin", not ${JSON.stringify(text)}`);
  const [method, target] = parts.length === 2 ? [parts[0]!, parts[1]!] : ["GET", parts[0]!];
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method)) throw new TestInputError(`--request: ${JSON.stringify(method)} is not an HTTP method`);
  if (target.startsWith("/")) return { method, path: target };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TestInputError(`--request: ${JSON.stringify(target)} is neither a path starting with / nor a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TestInputError(`--request: the URL must be http or https, not ${url.protocol.slice(0, -1)}`);
  return { method, path: `${url.pathname}${url.search}`, authority: url.host, scheme: url.protocol.slice(0, -1) };
}

function headerFlags(values: readonly string[] | undefined, flag: string): HeaderList {
  return (values ?? []).map((text) => {
    const colon = text.indexOf(":", text.startsWith(":") ? 1 : 0);
    const name = colon < 0 ? "" : text.slice(0, colon).trim();
    if (colon < 0 || name === "" || name === ":") throw new TestInputError(`${flag} takes "name: value", e.g. "x-token: abc", not ${JSON.stringify(text)}`);
    const bad = /[^!#$%&'*+.^_`|~0-9A-Za-z-]/.exec(name.replace(/^:/, ""));
    if (bad !== null) {
      const what = /\s/.test(bad[0]) ? "a space" : JSON.stringify(bad[0]);
      const hint = /\s/.test(bad[0]) ? ` (did you mean ${JSON.stringify(name.replace(/\s+/g, "-"))}?)` : "";
      throw new TestInputError(`${flag}: the header name ${JSON.stringify(name)} contains ${what}, which header names cannot contain${hint}`);
    }
    return [name.toLowerCase(), text.slice(colon + 1).trim()];
  });
}

function addressFlag(text: string, flag: string, defaultPort: number): string {
  const result = normalizeAddress(text, defaultPort);
  if (!result.ok) throw new TestInputError(`${flag} takes an IP or IP:port ([2001:db8::1]:443 for IPv6), not ${text}: ${result.reason}`);
  return result.address;
}

/**
 * `--plugin-config`: a file (JSON, or YAML converted to JSON) or inline JSON. Inline text that is not JSON is
 * refused: a filter would only log a warning and keep its defaults, which is rarely what was meant.
 */
export function pluginConfigFlag(value: string | undefined): string {
  if (value === undefined) return "";
  if (existsSync(value)) {
    const read = decodeRuleText(withFileErrors("read", value, () => readFileSync(value)), value);
    // Strict UTF-8, as every input file: replaced bytes would reach the filter as configuration values.
    if (read.diagnostics.length > 0) throw new TestInputError(`--plugin-config: ${value}: ${read.diagnostics[0]!.message}`);
    const text = read.source.text;
    const ext = extname(value).toLowerCase();
    if (ext !== ".yaml" && ext !== ".yml") return text;
    try {
      return JSON.stringify(parseYaml(text) ?? {});
    } catch (error) {
      throw new TestInputError(`--plugin-config: ${value} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  try {
    JSON.parse(value);
  } catch {
    // A name like a file's, not text like JSON's: the file is what is missing.
    if (/\.(json|ya?ml)$/i.test(value) || /[/\\]/.test(value)) throw new TestInputError(`--plugin-config: cannot read ${value}: no such file`);
    throw new TestInputError(`--plugin-config takes a file or JSON text, e.g. '{"admin_networks":["10.0.0.0/8"]}'; ${value} is neither`);
  }
  return value;
}
