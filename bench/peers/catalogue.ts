import { repoPath } from "../repo-root.js";
import { compileRawAbiPeer } from "./raw-abi-compiler.js";
import { assembleWat } from "./wat-assembler.js";

/** A module built outside filterc to compare with, by where its source is. */
export interface PeerBuild {
  readonly source: string;
  build(): Promise<Uint8Array>;
}

/** An SDK peer: built in batches by buildSdkPeers (sdk-builder.ts), in a child process. */
export interface SdkPeerSource {
  readonly source: string;
  readonly path: string;
}

/** The root id the SDK peers register their root context under (the SDK traps without a matching one). */
export const SDK_ROOT_ID = "bench";

function wat(file: string): PeerBuild {
  return { source: `bench/peers/minimal/${file}`, build: () => assembleWat(file) };
}

function rawAbi(file: string): PeerBuild {
  return { source: `bench/peers/minimal/${file}`, build: () => compileRawAbiPeer(file) };
}

function sdk(file: string): SdkPeerSource {
  return { source: `bench/peers/sdk/${file}`, path: repoPath("bench", "peers", "sdk", file) };
}

/** The host's floor: a module that handles no callback. */
export const floorPeer: PeerBuild = wat("floor.wat");

/** Hand-written modules making the host calls an example's rules need, and no more: the lower bound. */
export const minimalPeers: Readonly<Record<string, PeerBuild>> = {
  hello: wat("hello.wat"),
  "security-headers": wat("security-headers.wat"),
  canary: rawAbi("canary.as.ts"),
  "admin-gate": rawAbi("admin-gate.as.ts"),
  "moved-paths": rawAbi("moved-paths.as.ts"),
  "any-list": rawAbi("any-list.as.ts"),
  edge: rawAbi("edge.as.ts"),
  "bot-block": rawAbi("bot-block.as.ts"),
  "legacy-redirects": rawAbi("legacy-redirects.as.ts"),
  "login-redirect": rawAbi("login-redirect.as.ts"),
  "body-guard": rawAbi("body-guard.as.ts"),
  "virtual-hosts": rawAbi("virtual-hosts.as.ts"),
  "shadow-rollout": rawAbi("shadow-rollout.as.ts"),
  "tenant-metrics": rawAbi("tenant-metrics.as.ts"),
  tenants: rawAbi("tenants.as.ts"),
  "api/gateway": rawAbi("api-gateway.as.ts"),
};

/** The same behaviour written with the AssemblyScript SDK @solo-io/proxy-runtime: what users have today. */
export const sdkPeers: Readonly<Record<string, SdkPeerSource>> = {
  hello: sdk("hello.as.ts"),
  "security-headers": sdk("security-headers.as.ts"),
  canary: sdk("canary.as.ts"),
  "admin-gate": sdk("admin-gate.as.ts"),
};
