import { HEADER_MAPS } from "../phases.js";
import type { ResolvedStatement } from "./statements.js";

/** One statement as one line of AssemblyScript; a CacheUpdate that assigns nothing prints as nothing. */
export function printStatement(statement: ResolvedStatement): string {
  switch (statement.kind) {
    case "WriteHeader": {
      const call = (fn: string) => `${fn}(${HEADER_MAPS[statement.side]}, ${statement.name}, ${statement.value});`;
      if (statement.op === "set_default") return call("setDefaultHeader");
      const [checked, unchecked] = statement.op === "set" ? ["setHeaderChecked", "setHeader"] : ["addHeaderChecked", "addHeader"];
      const safety = statement.safety;
      if (safety.kind === "configured") return `if (${safety.global}_safe) ${call(checked)} else ${call(unchecked)}`;
      return call(safety.kind === "constant" ? checked : unchecked);
    }
    case "RemoveHeader":
      return `removeHeader(${HEADER_MAPS[statement.side]}, ${statement.name});`;
    case "RemoveHeaderPrefix":
      return `removeHeadersWithPrefix(${HEADER_MAPS[statement.side]}, ${statement.name});`;
    case "RenameHeader":
      return `renameHeader(${HEADER_MAPS[statement.side]}, ${statement.fromName}, ${statement.toName});`;
    case "RewritePath":
      return `rewritePath(${statement.value});`;
    case "RewritePathPrefix":
      return `rewritePathPrefix(${statement.from}, ${statement.to}, ${statement.constant});`;
    case "Log":
      return `log(LOG_${statement.level}, ${statement.message});`;
    case "Return":
      return `return ${statement.result};`;
    case "ReplyStep":
      return statement.code;
    case "CacheUpdate":
      return statement.assignments.map((a) => [`HC${a.slot} = ${a.value};`, ...a.staleSets.map((set) => `TS${set}_ready = false;`)].join(" ")).join(" ");
  }
}
