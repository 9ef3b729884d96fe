/** The phases a rule can run in. Bodies come later (request_body, response_body) and slot in here. */
export const PHASES = ["request_headers", "response_headers"] as const;
export type Phase = (typeof PHASES)[number];

export function isPhase(name: string): name is Phase {
  return (PHASES as readonly string[]).includes(name);
}
