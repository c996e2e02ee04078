import type { FetchLike } from "@/server/channels/shared";
import type { MediaFetch } from "@/server/services/media-download";
import { instagramSendAnswer, newWamid, zenviaSendAnswer } from "@/server/simulator/payloads";

// While seeding, the simulator is not running yet: these answer the dispatcher and the media job in
// process, the way the simulator would, so the demo's history goes through the real send and download paths.

export function demoSendFetch(): { impl: FetchLike; sent: string[] } {
  const sent: string[] = [];
  const impl: FetchLike = async (url, init) => {
    const body = JSON.parse(init.body ?? "{}") as Record<string, unknown>;
    let answer: Record<string, unknown>;
    if (url.includes("/v2/channels/")) {
      const z = zenviaSendAnswer(body as { from?: string; to?: string });
      sent.push(z.id);
      answer = z;
    } else if (body.messaging_product === "whatsapp") {
      const id = newWamid();
      sent.push(id);
      answer = { messaging_product: "whatsapp", messages: [{ id }] };
    } else {
      const ig = instagramSendAnswer(String((body.recipient as { id?: string } | undefined)?.id ?? ""));
      sent.push(ig.message_id);
      answer = ig;
    }
    return { status: 200, text: async () => JSON.stringify(answer) };
  };
  return { impl, sent };
}

/** Serves the given files by URL; WhatsApp media ids are looked up to https://demo.invalid/wa/{id}. */
export function demoMediaFetch(files: Map<string, { bytes: Buffer; type: string }>): MediaFetch {
  return async (url) => {
    const file = files.get(url);
    if (file) return new Response(new Uint8Array(file.bytes), { status: 200, headers: { "content-type": file.type } });
    const mediaId = /\/v[\d.]+\/([^/?]+)\?phone_number_id=/.exec(url)?.[1];
    if (mediaId) return Response.json({ url: `https://demo.invalid/wa/${mediaId}`, id: mediaId });
    return new Response("not found", { status: 404 });
  };
}
