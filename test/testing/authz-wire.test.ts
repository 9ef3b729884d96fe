// filterc test's own CheckResponse encoder and CheckRequest decoder (compiler/testing/authz-wire.ts), against
// protobufjs with Envoy's .proto files (envoy/service/auth/v3).
import { describe, expect, it } from "vitest";
import { decodeCheckRequest, encodeCheckResponse } from "../../compiler/testing/authz-wire.js";
import { decodeEnvoy, encodeEnvoy } from "../support/envoy-protos.js";

const CHECK_RESPONSE = "envoy.service.auth.v3.CheckResponse";
const CHECK_REQUEST = "envoy.service.auth.v3.CheckRequest";

describe("authz-wire", () => {
  it("encodes an allowing CheckResponse as protobuf decodes it: set, appended and removed headers", () => {
    const bytes = encodeCheckResponse({
      allow: true,
      headers: [
        { name: "x-user-id", value: "alice", append: false },
        { name: "x-groups", value: "é".repeat(70), append: true },
      ],
      headersToRemove: ["authorization", "cookie"],
    });
    expect(decodeEnvoy(CHECK_RESPONSE, bytes)).toEqual({
      status: {},
      ok_response: {
        headers: [
          { header: { key: "x-user-id", value: "alice" }, append: {} },
          { header: { key: "x-groups", value: "é".repeat(70) }, append: { value: true } },
        ],
        headers_to_remove: ["authorization", "cookie"],
      },
    });
  });

  it("encodes an allowing CheckResponse without headers as an empty ok_response", () => {
    const bytes = encodeCheckResponse({ allow: true, headers: [], headersToRemove: [] });
    expect(decodeEnvoy(CHECK_RESPONSE, bytes)).toEqual({ status: {}, ok_response: {} });
    expect([...bytes]).toEqual([0x0a, 0x00, 0x1a, 0x00]);
  });

  it("encodes a denying CheckResponse: PERMISSION_DENIED, the HTTP status, headers and body", () => {
    const bytes = encodeCheckResponse({ allow: false, status: 401, headers: [["www-authenticate", 'Bearer realm="api"'], ["x-reason", "expired"]], body: "token expired\n" });
    expect(decodeEnvoy(CHECK_RESPONSE, bytes)).toEqual({
      status: { code: 7 },
      denied_response: {
        status: { code: "Unauthorized" },
        headers: [{ header: { key: "www-authenticate", value: 'Bearer realm="api"' } }, { header: { key: "x-reason", value: "expired" } }],
        body: "token expired\n",
      },
    });
  });

  it("decodes the CheckRequest protobuf encodes: peers, principals and the HTTP request", () => {
    const value = {
      attributes: {
        source: { address: { socket_address: { address: "203.0.113.9", port_value: 51000 } }, principal: "spiffe://cluster.local/ns/shop/sa/web" },
        destination: { address: { socket_address: { address: "10.0.0.2", port_value: 8080 } } },
        request: {
          time: { seconds: "1735689600" },
          http: {
            id: "7f2c",
            method: "POST",
            headers: { ":path": "/api/orders?x=1", authorization: "Bearer abc", long: "x".repeat(300) },
            path: "/api/orders?x=1",
            host: "shop.example.com",
            scheme: "https",
            protocol: "HTTP/1.1",
            size: "-1",
          },
        },
      },
    };
    const seen = decodeCheckRequest(encodeEnvoy(CHECK_REQUEST, value));
    expect(seen).toEqual({
      source: { address: "203.0.113.9", port: 51000, principal: "spiffe://cluster.local/ns/shop/sa/web" },
      destination: { address: "10.0.0.2", port: 8080 },
      http: {
        id: "7f2c",
        method: "POST",
        headers: [[":path", "/api/orders?x=1"], ["authorization", "Bearer abc"], ["long", "x".repeat(300)]],
        path: "/api/orders?x=1",
        host: "shop.example.com",
        scheme: "https",
        protocol: "HTTP/1.1",
      },
    });
  });

  it("reads header_map, the form Envoy uses for headers that are not UTF-8, after the headers map", () => {
    const value = { attributes: { request: { http: { headers: { a: "1" }, header_map: { headers: [{ key: "b", raw_value: Buffer.from("2") }, { key: "c", value: "3" }] } } } } };
    expect(decodeCheckRequest(encodeEnvoy(CHECK_REQUEST, value))?.http?.headers).toEqual([["a", "1"], ["b", "2"], ["c", "3"]]);
  });

  it("leaves out what the filter left out, and refuses bytes that are not protobuf", () => {
    expect(decodeCheckRequest(encodeEnvoy(CHECK_REQUEST, {}))).toEqual({});
    expect(decodeCheckRequest(encodeEnvoy(CHECK_REQUEST, { attributes: { request: { http: { method: "GET" } } } }))).toEqual({ http: { method: "GET", headers: [] } });
    expect(decodeCheckRequest(new Uint8Array([0x0a, 0x09, 0x61]))).toBeUndefined();
    expect(decodeCheckRequest(new Uint8Array([0x0f]))).toBeUndefined();
  });
});
