// Domain rules fail with a code the transport layer maps to a status (tRPC code, HTTP status),
// and a message written for the person who will read it in the UI.

export type DomainErrorCode =
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_REQUEST"
  | "PRECONDITION_FAILED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

// The helpers return rather than throw so call sites read `throw badRequest(...)` and
// TypeScript's control-flow analysis sees the throw.
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const notFound = (message: string) => new DomainError("NOT_FOUND", message);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const badRequest = (message: string) => new DomainError("BAD_REQUEST", message);
export const preconditionFailed = (message: string) =>
  new DomainError("PRECONDITION_FAILED", message);
