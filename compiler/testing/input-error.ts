/** A mistake in how the runner was called (a missing file, a malformed flag, nothing to test): a usage error. */
export class TestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TestInputError";
  }
}
