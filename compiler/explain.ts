import { GRAMMAR_CODES } from "../grammar/codes.js";
import { CHECK_CODES } from "./check/codes.js";
import type { CodeDoc } from "../grammar/diagnostic.js";
import { PROJECT_CODES } from "./project/project-codes.js";
import { REGEX_CODES } from "./regex/codes.js";
import { FILE_CODES } from "./rule-file.js";
import { IMPORT_CODES } from "./imports.js";
import { TEST_CODES } from "./testing/codes.js";
import { TARGET_CODES } from "./emit/targets.js";
import { PACKAGE_CODES } from "./package/package-codes.js";
import { VERSION_CODES } from "./emit/version-fit.js";
import { DOCTOR_CODES } from "./doctor/codes.js";

/** Every diagnostic code filterc can report, with its long explanation. */
export const ALL_CODES: Readonly<Record<string, CodeDoc>> = {
  ...FILE_CODES,
  ...IMPORT_CODES,
  ...GRAMMAR_CODES,
  ...CHECK_CODES,
  ...REGEX_CODES,
  ...PROJECT_CODES,
  ...TEST_CODES,
  ...TARGET_CODES,
  ...PACKAGE_CODES,
  ...VERSION_CODES,
  ...DOCTOR_CODES,
};

export function explainCode(code: string): CodeDoc | undefined {
  return ALL_CODES[code.trim().toUpperCase()];
}
