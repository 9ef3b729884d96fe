import type { FunctionDefinition } from "./definition.js";

/** `uuid()`: a version-4 UUID in lower-case hex from the proxy's random generator, new at every evaluation. */
export const uuid: FunctionDefinition = {
  name: "uuid",
  parameters: [],
  result: "string",
  random: true,
  synopsis: "uuid()",
  presence: "always",
  runtime: ["uuidText"],
  lower: () => "uuidText()",
};
