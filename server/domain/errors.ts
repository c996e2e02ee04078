// Domain rules fail with a code the transport layer maps to a status (tRPC code, HTTP status),
// and a message written for the person who will read it in the UI.

export type DomainErrorCode =
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_REQUEST"
  | "PRECONDITION_FAILED";

/**
 * A translation key (see server/i18n/messages/errors) and its parameters. The English message stays the
 * error's text for logs and the CLI; screens and the API show the reader's language. Every refusal carries
 * one (tests/unit/error-keys.test.ts checks the call sites), so no English reaches a Spanish screen.
 * Ids go in as strings: a number parameter is formatted for the locale ("#1.234").
 */
export interface ErrorText {
  /** Checked against the dictionaries by tests/unit/error-keys.test.ts (the domain imports nothing outside it). */
  key: string;
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly text: ErrorText,
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
export const forbidden = (message: string, text: ErrorText) => new DomainError("FORBIDDEN", message, text);
export const notFound = (message: string, text: ErrorText) => new DomainError("NOT_FOUND", message, text);
export const conflict = (message: string, text: ErrorText) => new DomainError("CONFLICT", message, text);
export const badRequest = (message: string, text: ErrorText) => new DomainError("BAD_REQUEST", message, text);
export const preconditionFailed = (message: string, text: ErrorText) =>
  new DomainError("PRECONDITION_FAILED", message, text);
