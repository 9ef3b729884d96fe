import type { Program } from "../grammar/ast.js";
import { parse } from "../grammar/index.js";
import { AscCrash } from "./asc.js";
import { check } from "./check/index.js";
import type { CheckedProgram, ParamInfo } from "./check/result.js";
import { withoutSyntaxEchoes } from "./check/syntax-echoes.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../grammar/diagnostic.js";
import { lower, type LoweredProgram } from "./lower/index.js";
import { Source } from "../grammar/source.js";
import type { Composition } from "./imports.js";
import { compileWasm } from "./wasm.js";
import { noRulesWarning } from "./rule-file.js";
import { defaultMetricPrefix } from "./metric-names.js";
import { nameFromRuleFile } from "./emit/settings.js";

export interface FrontEndResult {
  readonly program: Program;
  readonly checked: CheckedProgram;
  /** Syntax and check diagnostics, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse and check: everything lint needs, and nothing that loads the AssemblyScript compiler. */
export function analyze(input: Source | Composition): FrontEndResult {
  // Several files (or one with imports) come composed by compiler/imports.ts; one file's text is parsed here.
  const parsed = input instanceof Source ? parse(input) : input;
  const source = input instanceof Source ? input : input.source;
  const checked = check(parsed.program, { source });
  const diagnostics = [...parsed.diagnostics, ...withoutSyntaxEchoes(source, parsed.diagnostics, checked.diagnostics)];
  return { program: parsed.program, checked: checked.checked, diagnostics: sortDiagnostics([...diagnostics, ...noRulesWarning(checked.checked.rules.length, diagnostics)]) };
}

export interface CompileOptions {
  readonly optimize?: "size" | "speed";
  /** Keep function names in the wasm (larger; traps name the rule). */
  readonly debug?: boolean;
  /** Also return the text format. */
  readonly wat?: boolean;
  /** Count rule firings in metrics (`filterc test --coverage`); release builds leave this off. */
  readonly coverage?: boolean;
  /** Test sets (compiler/lower/test-sets.ts) are on by default; tests turn them off to compare both builds. */
  readonly testSets?: boolean;
  /**
   * Keep function names in a release build without changing its code otherwise (the name section is added): what
   * the benchmark attributes the bytes of filter.wasm by.
   */
  readonly names?: boolean;
  /** Request verdicts (compiler/lower/request-verdicts.ts) are on by default; tests turn them off to compare. */
  readonly requestVerdicts?: boolean;
  /** filterc.yaml `maxListBytes`: the most bytes a configured list matched with `contains any` may hold. */
  readonly maxListBytes?: number;
  /** Rule tables (compiler/lower/rule-table.ts) are on by default; off only to compare against rule functions. */
  readonly ruleTables?: boolean;
  /** The default number of trusted `x-forwarded-for` hops for `client.address` (filterc.yaml `trustedHops`). */
  readonly trustedHops?: number;
  /** filterc.yaml `maxBody` / `--max-body`: the most bytes a body phase holds. */
  readonly maxBody?: number;
  /** filterc.yaml `onBodyOverflow` / `--on-body-overflow`: what a request body past maxBody gets. */
  readonly onBodyOverflow?: "deny" | "pass";
  /** What metric names start with (filterc.yaml `metricPrefix`); `filterc.<name of the rule file>.` by default. */
  readonly metricPrefix?: string;
  /** The filter's name (filterc.yaml `name`); the rule file's base name by default. The domain of global limits. */
  readonly filterName?: string;
  /** filterc.yaml `countRules`: count each rule's firings. */
  readonly countRules?: boolean;
  /** Affix patterns' groups without a group program (compiler/regex/affix-groups.ts) are on by default; off to compare. */
  readonly affixGroups?: boolean;
}

export interface CompileResult {
  readonly diagnostics: readonly Diagnostic[];
  /** The params the file declares, as far as the checker got: what a plugin configuration may set. */
  readonly params: readonly ParamInfo[];
  readonly wasm?: Uint8Array;
  /** Lower-case hex sha256 of `wasm`, computed once here for everything downstream. */
  readonly sha256?: string;
  readonly assemblyScript?: string;
  readonly wat?: string;
  readonly lowered?: LoweredProgram;
}

/** A failure of filterc itself, not of the user's input: reported as a bug. */
export class InternalCompilerError extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = "InternalCompilerError";
  }
}

/**
 * Past this many rules, each rule stays a function of its own and binaryen alone optimizes (see `outOfLine` in
 * optimize.ts): build time then grows linearly with the rules. Smaller programs inline every rule into its
 * callback, which is a little smaller and faster.
 */
export const OUT_OF_LINE_RULES = 32;

/** Rule file text to filter.wasm. User mistakes come back as diagnostics; only filterc's own bugs throw. */
export async function compileRules(input: Source | Composition, options: CompileOptions = {}): Promise<CompileResult> {
  const front = analyze(input);
  const params = front.checked.params;
  if (hasErrors(front.diagnostics)) return { diagnostics: front.diagnostics, params };
  const outOfLine = front.checked.rules.length > OUT_OF_LINE_RULES && options.debug !== true;
  // Metrics are named after the (first) rule file unless filterc.yaml says otherwise.
  const fileName = ("program" in input ? input.source : input).name;
  // Large programs (the ones binaryen optimizes on asc's module) have their static data placed by the wasm step.
  const lowered = lower(front.checked, { coverage: options.coverage, testSets: options.testSets, requestVerdicts: options.requestVerdicts, ruleTables: options.ruleTables, placedData: outOfLine, maxListBytes: options.maxListBytes, trustedHops: options.trustedHops, maxBody: options.maxBody, onBodyOverflow: options.onBodyOverflow, metricPrefix: options.metricPrefix ?? defaultMetricPrefix(nameFromRuleFile(fileName)), countRules: options.countRules, filterName: options.filterName ?? nameFromRuleFile(fileName), affixGroups: options.affixGroups });
  const goal = options.optimize ?? "size";
  const built = await compileWasm(lowered.source, { goal, debug: options.debug, names: options.names, wat: options.wat, outOfLine: outOfLine ? "*rule_*" : undefined, staticData: lowered.staticData }).catch(
    (crash: unknown) => {
      // The checker accepted the input, so whatever asc does with the generated code is filterc's fault.
      if (crash instanceof AscCrash) throw new InternalCompilerError(crash.message, crash.detail);
      throw crash;
    },
  );
  if ("errors" in built) throw new InternalCompilerError("the generated AssemblyScript did not compile", built.errors);
  return { diagnostics: front.diagnostics, params, wasm: built.wasm, sha256: built.sha256, wat: built.wat, assemblyScript: lowered.source, lowered };
}
