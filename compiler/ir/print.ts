import { HEADER_MAPS } from "../phases.js";
import { code, joinCode, type Code } from "./code.js";
import type { Branches, ResolvedStatement } from "./statements.js";

/** One statement as one line of AssemblyScript; a CacheUpdate that assigns nothing prints as nothing. */
export function printStatement(statement: ResolvedStatement): Code {
  switch (statement.kind) {
    case "WriteHeader": {
      const call = (fn: string) => code`${fn}(${HEADER_MAPS[statement.side]}, ${statement.name}, ${statement.value});`;
      if (statement.op === "set_default") {
        // A computed value only when the header is absent: language.md's `set_default` sets nothing otherwise, and
        // a value that takes random() or uuid() must not use up one (the reference interpreter compares them).
        if (statement.safety.kind === "constant") return call("setDefaultHeader");
        return code`if (getHeader(${HEADER_MAPS[statement.side]}, ${statement.name}) == ABSENT) ${call("addHeader")}`;
      }
      const [checked, unchecked] = statement.op === "set" ? ["setHeaderChecked", "setHeader"] : ["addHeaderChecked", "addHeader"];
      const safety = statement.safety;
      if (safety.kind === "configured") return code`if (${safety.global}_safe) ${call(checked!)} else ${call(unchecked!)}`;
      return call(safety.kind === "constant" ? checked : unchecked);
    }
    case "RemoveHeader":
      return code`removeHeader(${HEADER_MAPS[statement.side]}, ${statement.name});`;
    case "RemoveHeaderPrefix":
      return code`removeHeadersWithPrefix(${HEADER_MAPS[statement.side]}, ${statement.name});`;
    case "RenameHeader":
      return code`renameHeader(${HEADER_MAPS[statement.side]}, ${statement.fromName}, ${statement.toName});`;
    case "RewritePath":
      return code`rewritePath(${statement.value});`;
    case "RewritePathPrefix":
      return code`rewritePathPrefix(${statement.from}, ${statement.to}, ${statement.constant});`;
    case "RuntimeCall":
      return code`${statement.function}(${joinCode(statement.args, ", ")});`;
    case "Log":
      return code`log(LOG_${statement.level}, ${statement.message});`;
    case "SetVariable":
      return code`${statement.global} = ${statement.value};`;
    case "Return":
      return `return ${statement.result};`;
    case "ReplyStep":
    case "StaticReply":
      return statement.code;
    case "Branches":
      return printBranches(statement);
    case "CacheUpdate":
      return joinCode(statement.assignments.map((a) => joinCode([code`HC${a.slot} = ${a.value};`, ...a.staleSets.map((set) => `TS${set}_ready = false;`)], " ")), " ");
  }
}

/** `if (C) { ... } else if (D) { ... } else { ... }`, each action of an arm in a block of its own. */
function printBranches(branches: Branches<ResolvedStatement>): Code {
  const arms = branches.arms.map((arm, i) => {
    const opening = arm.condition === undefined ? (i === 0 ? "{" : "else {") : code`${i === 0 ? "" : "else "}if (${arm.condition}) {`;
    const hit = arm.coverageCounter === undefined ? [] : [`  coverageHit(${arm.coverageCounter});`];
    const actions = arm.actions.map((action) => joinCode(["  {", ...action.map((statement) => code`    ${printStatement(statement)}`), "  }"], "\n"));
    return joinCode([opening, ...hit, ...actions, "}"], "\n");
  });
  return joinCode(arms, " ");
}
