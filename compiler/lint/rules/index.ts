import type { LintRule } from "../rule.js";
import authorizeFailOpen from "./authorize-fail-open.js";
import globalLimitDenyTimeout from "./global-limit-deny-timeout.js";
import noAddSingletonHeader from "./no-add-singleton-header.js";
import noCidrWithoutIp from "./no-cidr-without-ip.js";
import noConflictingSet from "./no-conflicting-set.js";
import noConstantCondition from "./no-constant-condition.js";
import noContentLengthChange from "./no-content-length-change.js";
import noContradictoryComparison from "./no-contradictory-comparison.js";
import noDuplicateRuleName from "./no-duplicate-rule-name.js";
import noHopByHopHeader from "./no-hop-by-hop-header.js";
import noMatchAllRegex from "./no-match-all-regex.js";
import noPseudoHeaderMutation from "./no-pseudo-header-mutation.js";
import noSensitiveLog from "./no-sensitive-log.js";
import noSetSetCookie from "./no-set-set-cookie.js";
import noUnreachable from "./no-unreachable.js";
import noUnusedParam from "./no-unused-param.js";
import pluginConfigParam from "./plugin-config-param.js";
import repeatedHeaderFirstValue from "./repeated-header-first-value.js";
import responseRulesSkipLocalReplies from "./response-rules-skip-local-replies.js";
import sourceAddressAtGateway from "./source-address-at-gateway.js";
import unknownRule from "./unknown-rule.js";
import unknownRuleInConfig from "./unknown-rule-in-config.js";
import unusedDisable from "./unused-disable.js";

/** Every lint rule, by id. Explicit, so a rule exists exactly when it is listed here (a meta-test checks the files). */
export const RULES: ReadonlyMap<string, LintRule> = new Map(
  [
    authorizeFailOpen,
    globalLimitDenyTimeout,
    noAddSingletonHeader,
    noCidrWithoutIp,
    noConflictingSet,
    noConstantCondition,
    noContentLengthChange,
    noContradictoryComparison,
    noDuplicateRuleName,
    noHopByHopHeader,
    noMatchAllRegex,
    noPseudoHeaderMutation,
    noSensitiveLog,
    noSetSetCookie,
    noUnreachable,
    noUnusedParam,
    pluginConfigParam,
    repeatedHeaderFirstValue,
    responseRulesSkipLocalReplies,
    sourceAddressAtGateway,
    unknownRule,
    unknownRuleInConfig,
    unusedDisable,
  ].map((rule) => [rule.meta.id, rule]),
);

export function findRule(id: string): LintRule | undefined {
  return RULES.get(id);
}
