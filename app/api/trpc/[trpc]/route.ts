import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { currentUser } from "@/server/auth/session";
import { resolveLocale } from "@/server/i18n/locale";
import { readBodyLimited, TRPC_BODY_LIMIT } from "@/server/http/request-body";
import { errorResponse } from "@/server/http/responses";

// The fetch adapter has no body size limit of its own: read at most TRPC_BODY_LIMIT first.
async function handler(req: Request): Promise<Response> {
  let request = req;
  if (req.method === "POST") {
    try {
      const body = await readBodyLimited(req, TRPC_BODY_LIMIT);
      request = new Request(req.url, { method: "POST", headers: req.headers, body: new Uint8Array(body) });
    } catch (err) {
      return errorResponse(err, "trpc");
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      const user = await currentUser();
      return createContext(user, undefined, undefined, resolveLocale(user?.locale, req.headers.get("accept-language")));
    },
  });
}

export { handler as GET, handler as POST };
