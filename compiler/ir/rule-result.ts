/**
 * What a rule function returns: go on with the next rule, stop the phase, the stream was answered locally, or it
 * waits for a service's answer (lower/callouts.ts).
 */
export const RULE_NEXT = 0;
export const RULE_STOP = 1;
export const RULE_ANSWERED = 2;
export const RULE_PAUSED = 3;
