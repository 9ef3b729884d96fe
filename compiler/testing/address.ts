import { parseIpOrCidrDetailed } from "../net.js";

export const DEFAULT_SOURCE_PORT = 51000;
export const DEFAULT_DESTINATION = "127.0.0.1:8080";

export type AddressResult = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly reason: string };

/**
 * A peer address as people write it (`10.0.0.1`, `10.0.0.1:443`, `2001:db8::1`, `[2001:db8::1]:443`) in the
 * form Envoy reports it and the host takes: `ip:port`, IPv6 in brackets. A missing port gets `defaultPort`.
 */
export function normalizeAddress(text: string, defaultPort: number): AddressResult {
  let ip: string;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed !== null) {
    ip = bracketed[1]!;
    port = bracketed[2];
  } else if ((text.match(/:/g) ?? []).length === 1) {
    [ip, port] = text.split(":") as [string, string];
  } else {
    ip = text;
  }
  if (ip.includes("/")) return { ok: false, reason: "it is a range; give a single address" };
  const parsed = parseIpOrCidrDetailed(ip);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return { ok: false, reason: `the port \`${port}\` is not a number from 0 to 65535` };
  const portNumber = port === undefined ? defaultPort : Number(port);
  return { ok: true, address: parsed.value.family === 6 ? `[${ip}]:${portNumber}` : `${ip}:${portNumber}` };
}
