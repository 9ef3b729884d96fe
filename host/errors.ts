/** Failures the host reports: load-time failures to the embedder, guest traps raised by host functions. */

/** cpp-host's FailState names. */
export type FailState =
  | "UnableToCreateVm"
  | "UnableToCloneVm"
  | "MissingFunction"
  | "UnableToInitializeCode"
  | "StartFailed"
  | "ConfigureFailed"
  | "RuntimeError";

/** The module could not be loaded, started or configured; the message is Envoy's. */
export class HostLoadError extends Error {
  override readonly name = "HostLoadError";
  constructor(
    message: string,
    readonly failState: FailState,
  ) {
    super(message);
  }
}

/**
 * Thrown by a host function to trap the guest, as cpp-host does for a restricted call. It unwinds through the
 * guest's frames like a wasm trap and is caught where the host called into the guest.
 */
export class GuestTrap extends Error {
  override readonly name = "RuntimeError";
}
