import { DomainError } from "@/server/domain/errors";

/** The rule's refusal `fn` throws, to read its key and translation; anything else is rethrown. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
