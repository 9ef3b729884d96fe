/** What a rule function returns: go on with the next rule, stop the phase, or the stream was answered locally. */
export const RULE_NEXT = 0;
export const RULE_STOP = 1;
export const RULE_ANSWERED = 2;
