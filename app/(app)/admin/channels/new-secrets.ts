import { cookies } from "next/headers";
import { publicUrl } from "@/server/config/env";

// Secrets generated for a new channel are shown once, on the page the create form redirects to. A
// redirect cannot carry them in the URL (logs, history), so they ride in a short-lived httpOnly cookie
// scoped to the channels page and dropped when the admin confirms they copied them.

const COOKIE = "charla-new-secrets";
const PATH = "/admin/channels";

export interface NewSecrets {
  channelId: number;
  secrets: Record<string, string>;
}

export async function rememberNewSecrets(value: NewSecrets): Promise<void> {
  (await cookies()).set(COOKIE, JSON.stringify(value), {
    httpOnly: true,
    sameSite: "strict",
    secure: publicUrl().startsWith("https:"),
    path: PATH,
    maxAge: 10 * 60,
  });
}

export async function readNewSecrets(): Promise<NewSecrets | null> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as NewSecrets;
    return Number.isInteger(parsed.channelId) && parsed.secrets && typeof parsed.secrets === "object" ? parsed : null;
  } catch {
    return null;
  }
}

export async function forgetNewSecrets(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: PATH });
}
