import type { CodeDoc } from "../../grammar/diagnostic.js";
import { CHECKS } from "./checks/index.js";

/** `filterc explain D001`: each check's meta as a code explanation. */
export const DOCTOR_CODES: Readonly<Record<string, CodeDoc>> = Object.fromEntries(
  CHECKS.map(({ meta }) => [
    meta.code,
    {
      title: meta.title,
      explanation: `A \`filterc doctor\` ${meta.severity === "error" ? "error" : "warning"} (check \`${meta.id}\`).\n\nWhy: ${meta.why}\n\nFix: ${meta.fix}.\n\nSee docs/doctor.md.\n`,
    },
  ]),
);
