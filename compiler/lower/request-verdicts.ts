/**
 * Request verdicts: the part of a response rule's condition that depends on request values alone (`when
 * request.path starts_with "/admin" and response.status == 200`) has its final value at the end of the request
 * phase. The filter evaluates it there, once, and keeps the result as one bit of the stream's flags
 * (runtime/streams.ts). The response phase then tests a bit instead of comparing captured copies of the request
 * values, and a stream none of whose verdicts holds keeps nothing at all.
 *
 * Envoy runs a wasm filter's response callbacks only on streams whose request headers it passed to the filter
 * (the stream context is created there), so every response phase follows a request phase that either computed
 * the verdicts or answered the request itself.
 */

/** Bit 0 of the stream flags is the runtime's STREAM_LOCAL_REPLY; the other 63 hold verdicts. */
export const MAX_VERDICTS = 63;

/** The global the callbacks keep the current stream's flags in (rule chunks read it too). */
export const FLAGS_GLOBAL = "STREAM_FLAGS";

import { code, codeKey, type Code } from "../ir/code.js";

export class RequestVerdicts {
  /** The request-phase condition of each verdict; verdict i is flag bit i + 1. */
  private readonly conditions: Code[] = [];
  /** The conditions' keys (ir/code.ts codeKey): equal conditions share a verdict. */
  private readonly keys: string[] = [];

  constructor(private readonly enabled = true) {}

  get size(): number {
    return this.conditions.length;
  }

  /**
   * The flag of the verdict `condition` (AssemblyScript over request-phase values); rules with the same condition
   * share one. Undefined when every bit is taken (or verdicts are off).
   */
  flag(condition: Code): bigint | undefined {
    let index = this.keys.indexOf(codeKey(condition));
    if (index < 0) {
      if (!this.enabled || this.conditions.length === MAX_VERDICTS) return undefined;
      this.keys.push(codeKey(condition));
      index = this.conditions.push(condition) - 1;
    }
    return flagOf(index);
  }

  /** Every verdict's flag. */
  all(): bigint[] {
    return this.conditions.map((_, i) => flagOf(i));
  }

  /** Whether the verdict with this flag holds, in either phase once its callback has computed the flags. */
  holds(flag: bigint): string {
    return `(${FLAGS_GLOBAL} & ${hex(flag)}) != 0`;
  }

  /** Statements at the end of the request phase that compute every verdict (before the captures, which test them). */
  requestStatements(): Code[] {
    if (this.size === 0) return [];
    return [`${FLAGS_GLOBAL} = 0;`, ...this.conditions.map((condition, i) => code`if (${condition}) ${FLAGS_GLOBAL} |= ${hex(flagOf(i))};`)];
  }

  /** The flags the stream keeps once the request phase computed them. */
  kept(): string {
    return this.size === 0 ? "<u64>0" : FLAGS_GLOBAL;
  }

  /** Whether kept() has any bit set; undefined when it never has. */
  anyKept(): string | undefined {
    return this.size === 0 ? undefined : `${FLAGS_GLOBAL} != 0`;
  }
}

function flagOf(index: number): bigint {
  return 1n << BigInt(index + 1);
}

function hex(value: bigint): string {
  return `<u64>0x${value.toString(16)}`;
}
