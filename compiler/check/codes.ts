import type { CodeDoc } from "../../grammar/diagnostic.js";
import { ACTION_DOCS } from "./errors/actions.js";
import { FUNCTION_DOCS } from "./errors/functions.js";
import { ARITHMETIC_DOCS } from "./errors/arithmetic.js";
import { ANY_LIST_DOCS } from "./errors/any-list.js";
import { BRANCH_DOCS } from "./errors/branches.js";
import { LOCAL_REPLY_DOCS } from "./errors/local-reply.js";
import { SHADOW_DOCS } from "./errors/shadow.js";
import { BODY_DOCS } from "./errors/bodies.js";
import { HEADER_DOCS } from "./errors/headers.js";
import { MATCH_GROUP_DOCS } from "./errors/match-groups.js";
import { METRIC_DOCS } from "./errors/metrics.js";
import { NAME_DOCS } from "./errors/names.js";
import { PARAM_DOCS } from "./errors/params.js";
import { PHASE_DOCS } from "./errors/phases.js";
import { TYPE_DOCS } from "./errors/types.js";
import { VALUE_DOCS } from "./errors/values.js";
import { SCOPE_DOCS } from "./errors/scopes.js";
import { VARIABLE_DOCS } from "./errors/variables.js";
import { BODY_REPLACE_DOCS } from "./errors/body-replace.js";
import { RATE_LIMIT_DOCS } from "./errors/rate-limits.js";
import { GLOBAL_LIMIT_DOCS } from "./errors/global-limits.js";
import { AUTHORIZE_DOCS } from "./errors/authorize.js";

/**
 * Every code the checker reports, with the long explanation `filterc explain CODE` prints. Each explanation sits
 * beside the constructors that report the code (errors/*.ts), so a message and its documentation change together.
 * Codes of the regex compiler, which the checker passes through for `matches` patterns, are documented there.
 */
export const CHECK_CODES: Record<string, CodeDoc> = Object.fromEntries(
  Object.entries({ ...NAME_DOCS, ...PARAM_DOCS, ...PHASE_DOCS, ...TYPE_DOCS, ...HEADER_DOCS, ...VALUE_DOCS, ...ACTION_DOCS, ...FUNCTION_DOCS, ...ARITHMETIC_DOCS, ...MATCH_GROUP_DOCS, ...ANY_LIST_DOCS, ...BRANCH_DOCS, ...LOCAL_REPLY_DOCS, ...SHADOW_DOCS, ...SCOPE_DOCS, ...BODY_DOCS, ...VARIABLE_DOCS, ...METRIC_DOCS, ...BODY_REPLACE_DOCS, ...RATE_LIMIT_DOCS, ...GLOBAL_LIMIT_DOCS, ...AUTHORIZE_DOCS }).sort(([a], [b]) =>
    a.localeCompare(b),
  ),
);
