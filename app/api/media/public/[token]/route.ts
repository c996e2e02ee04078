import { getDb } from "@/db/client";
import { fileResponse } from "@/server/http/file-response";
import { errorResponse } from "@/server/http/responses";
import { attachmentForPublicToken } from "@/server/services/media-files";

// The file an agent sent, for the provider (or web chat visitor) to fetch: the token is the permission.
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params;
    return fileResponse(attachmentForPublicToken(getDb(), token, Date.now()), "private, max-age=300");
  } catch (err) {
    return errorResponse(err, "public media");
  }
}
