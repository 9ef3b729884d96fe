import { code, joinCode, type Code } from "../ir/code.js";
import type { Phase } from "../phases.js";

/**
 * Rules that pause the stream on a call to a service and resume it on the answer (runtime/callout.ts): the global
 * limit's ShouldRateLimit, and `authorize`'s call to an authorization service (gRPC Check, or an HTTP call). Such a rule's function starts the call and returns
 * RULE_PAUSED; the phase's callback then returns Pause. The phase's rules run in a function of their own that can
 * start after any pausing rule (`run_<phase>(ctx, headers, endOfStream, from)`), so the answer's callback goes on
 * with the rules after the one that paused, then continues the stream, as Envoy's filters do after
 * continueDecoding().
 *
 * Each call gets a site number, which the pending call carries: the site's code in proxy_on_grpc_receive and
 * proxy_on_grpc_close (proxy_on_http_call_response for an HTTP call) decides what the answer means for the stream. `resume` in that code runs the rest of the
 * phase and continues the stream; `replied` marks a stream answered locally.
 */
export type CalloutSite = GrpcCalloutSite | HttpCalloutSite;

interface SiteBase {
  readonly phase: Phase;
  /** The index of the rule that pauses (the phase goes on after it). */
  readonly rule: number;
}

/** A call made with proxy_grpc_call. */
export interface GrpcCalloutSite extends SiteBase {
  readonly transport?: "grpc";
  /** The statements of proxy_on_grpc_receive for this site: `size` is the answer's size; `ctx` the stream. */
  onReceive(resume: Code, replied: string): Code[];
  /** The statements of proxy_on_grpc_close (a failed call or a timeout): `status` is the gRPC status. */
  onClose(resume: Code, replied: string): Code[];
}

/** A call made with proxy_http_call: one callback, a reset arriving as zero headers. */
export interface HttpCalloutSite extends SiteBase {
  readonly transport: "http";
  /** The statements of proxy_on_http_call_response: `headers` and `size` (the body's) describe the answer. */
  onResponse(resume: Code, replied: string): Code[];
}

/** RULE_PAUSED (ir/rule-result.ts) as the phase callback answers it. */
export const PAUSED_RETURN = "{ resetArena(); return ACTION_PAUSE; }";

export class CalloutSites {
  private readonly sites: CalloutSite[] = [];

  /** Registers a site; its number, which the call carries. */
  add(site: CalloutSite): number {
    this.sites.push(site);
    return this.sites.length - 1;
  }

  any(): boolean {
    return this.sites.length > 0;
  }

  /** The indexes of the rules of `phase` that may pause, in order: the phase's rules are split after each. */
  pausingRules(phase: Phase): number[] {
    return [...new Set(this.sites.filter((s) => s.phase === phase).map((s) => s.rule))].sort((a, b) => a - b);
  }

  /**
   * The answer callbacks, for the kinds of call the program makes: each finds its stream and site, or does nothing
   * for a stream that is gone.
   */
  callbacks(runFunction: (phase: Phase) => string, replied: string): Code[] {
    const arms = (sites: ReadonlyArray<readonly [CalloutSite, number]>, statements: (site: CalloutSite, resume: Code) => Code[]) =>
      sites.flatMap(([site, n]) => {
        const segment = this.pausingRules(site.phase).indexOf(site.rule) + 1;
        const resume = `if (${runFunction(site.phase)}(ctx, 0, 1, ${segment}) == ACTION_CONTINUE) calloutContinue();`;
        return [code`    if (site == ${n}) {`, ...statements(site, resume).map((line) => code`      ${line}`), "    }"];
      });
    const callback = (signature: string, http: boolean, body: Code[]) =>
      joinCode([signature, `  const site = calloutResume(token, ${http});`, "  if (site >= 0) {", "    const ctx = calloutStream();", ...body, "  }", "  resetArena();", "}"], "\n");
    const numbered = this.sites.map((site, n) => [site, n] as const);
    const grpc = numbered.filter(([site]) => site.transport !== "http");
    const http = numbered.filter(([site]) => site.transport === "http");
    const grpcArms = (which: "onReceive" | "onClose") => arms(grpc, (site, resume) => (site as GrpcCalloutSite)[which](resume, replied));
    return [
      ...(grpc.length === 0
        ? []
        : [
            callback("export function proxy_on_grpc_receive(root: u32, token: u32, size: u32): void {", false, grpcArms("onReceive")),
            callback("export function proxy_on_grpc_close(root: u32, token: u32, status: u32): void {", false, grpcArms("onClose")),
          ]),
      ...(http.length === 0
        ? []
        : [callback("export function proxy_on_http_call_response(root: u32, token: u32, headers: u32, size: u32, trailers: u32): void {", true, arms(http, (site, resume) => (site as HttpCalloutSite).onResponse(resume, replied)))]),
    ];
  }
}
