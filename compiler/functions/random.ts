import type { FunctionDefinition } from "./definition.js";

/** `random()`: an int in 0..2^32-1 from the proxy's random generator (WASI random_get), new at every evaluation. */
export const random: FunctionDefinition = {
  name: "random",
  parameters: [],
  result: "int",
  random: true,
  synopsis: "random()",
  presence: "always",
  runtime: ["randomInt"],
  lower: () => "randomInt()",
};
