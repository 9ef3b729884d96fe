import type { DoctorCheck } from "../check.js";
import clustersDefined from "./clusters-defined.js";
import contextFitsWorkload from "./context-fits-workload.js";
import failOpenEnforcing from "./fail-open-enforcing.js";
import fieldsExist from "./fields-exist.js";
import heldHeadersTarget from "./held-headers-target.js";
import importsExist from "./imports-exist.js";
import memoryBudget from "./memory-budget.js";
import ociDigestMatches from "./oci-digest-matches.js";
import ociImageValid from "./oci-image-valid.js";
import pluginConfigParams from "./plugin-config-params.js";
import portFitsWorkload from "./port-fits-workload.js";
import pullSecretExists from "./pull-secret-exists.js";
import proxyVersionMatches from "./proxy-version-matches.js";
import selectorMatchesWorkload from "./selector-matches-workload.js";
import sha256Matches from "./sha256-matches.js";
import targetRefExists from "./target-ref-exists.js";

/** Every check, in code order. Codes D001-D099 are doctor's own namespace. */
export const CHECKS: readonly DoctorCheck[] = [
  selectorMatchesWorkload,
  targetRefExists,
  portFitsWorkload,
  contextFitsWorkload,
  proxyVersionMatches,
  sha256Matches,
  importsExist,
  fieldsExist,
  clustersDefined,
  heldHeadersTarget,
  failOpenEnforcing,
  pluginConfigParams,
  memoryBudget,
  ociImageValid,
  ociDigestMatches,
  pullSecretExists,
];
