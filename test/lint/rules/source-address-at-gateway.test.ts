import { describe, expect, it } from "vitest";
import { lintSource } from "../../../compiler/lint/engine.js";
import { Source } from "../../../grammar/source.js";

const only = { "source-address-at-gateway": "warn" } as const;
function lint(text: string, context?: "GATEWAY" | "SIDECAR_INBOUND") {
  const source = new Source("rules.fw", text);
  const messages = lintSource(source, { levels: only, deployment: { context } }).messages.filter((m) => m.ruleId === "source-address-at-gateway");
  return messages.map((m) => ({ ...m, ...source.position(m.span.start) }));
}

describe("source-address-at-gateway", () => {
  it("reports source.address in conditions and values at a gateway, with a hint to client.address", () => {
    const messages = lint('on request_headers when source.address in ["10.0.0.0/8"] set "x-peer" = "${source.address}"', "GATEWAY");
    expect(messages.map((m) => [m.line, m.column, m.messageId])).toEqual([
      [1, 25, "gatewayPeer"],
      [1, 76, "gatewayPeer"],
    ]);
    expect(messages[0]!.hint).toContain("client.address");
  });

  it("reports nothing in a sidecar, without a project file, or for client.address", () => {
    expect(lint('on request_headers when source.address in ["10.0.0.0/8"] deny 403', "SIDECAR_INBOUND")).toEqual([]);
    expect(lint('on request_headers when source.address in ["10.0.0.0/8"] deny 403')).toEqual([]);
    expect(lint('on request_headers when client.address in ["10.0.0.0/8"] deny 403', "GATEWAY")).toEqual([]);
  });
});
