import type { TemplateId } from "./options.js";
import type { Template } from "./template.js";
import { authGate } from "./templates/auth-gate.js";
import { canary } from "./templates/canary.js";
import { hello } from "./templates/hello.js";
import { securityHeaders } from "./templates/security-headers.js";

/** Every template, in the order the menu offers them: simplest first. */
export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  hello,
  "security-headers": securityHeaders,
  "auth-gate": authGate,
  canary,
};
