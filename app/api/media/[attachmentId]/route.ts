import { getDb } from "@/db/client";
import { currentUser } from "@/server/auth/session";
import { fileResponse } from "@/server/http/file-response";
import { errorResponse, json } from "@/server/http/responses";
import { attachmentForViewer } from "@/server/services/media-files";

// A chat's file, for signed-in users who may see that chat.
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ attachmentId: string }> }): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) return json({ ok: false, error: "Sign in to continue." }, 401);
    const { attachmentId } = await params;
    const id = /^\d{1,12}$/.test(attachmentId) ? Number(attachmentId) : 0;
    if (!id) return json({ ok: false, error: "This file is not available." }, 404);
    return fileResponse(attachmentForViewer(getDb(), user, id), "private, max-age=3600");
  } catch (err) {
    return errorResponse(err, "media");
  }
}
