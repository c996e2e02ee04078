import { forbidden } from "./errors";
import type { Viewer } from "./types";

/**
 * Whose figures a viewer may read: an administrator anyone's (or everyone's, `undefined`), an agent only their
 * own — asking for a colleague's is refused rather than quietly answered with one's own.
 */
export function reportAgentScope(viewer: Viewer, requestedAgentId: number | undefined): number | undefined {
  if (viewer.role === "admin") return requestedAgentId;
  if (requestedAgentId !== undefined && requestedAgentId !== viewer.id) {
    throw forbidden("Agents see only their own figures in reports.", { key: "error.reports.othersFigures" });
  }
  return viewer.id;
}
