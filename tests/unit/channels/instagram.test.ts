import { describe, expect, it } from "vitest";
import { WebhookError, type InboundMessage, type InboundStatus, type OutboundMessage } from "@/server/channels/types";
import { parseInstagramWebhook } from "@/server/channels/instagram/parse";
import {
  INSTAGRAM_DEFAULT_API_BASE_URL,
  buildInstagramSendRequest,
  interpretInstagramSendResponse,
  sendInstagram,
} from "@/server/channels/instagram/send";
import { fakeFetch, fixture, fixtureText, throwingFetch } from "./fixtures";

const ACCOUNT = "17841405822304914";
const IGSID = "7107719732620600";
const MID = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAxNzE4NTI3MDg4NzQ2";

function messages(name: string): InboundMessage[] {
  const events = parseInstagramWebhook(fixture("instagram", name));
  expect(events.every((e) => e.type === "message")).toBe(true);
  return events as InboundMessage[];
}

function expect400(fn: () => unknown, pattern: RegExp) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(WebhookError);
  expect((caught as WebhookError).status).toBe(400);
  expect((caught as WebhookError).message).toMatch(pattern);
}

describe("parseInstagramWebhook", () => {
  it("parses the shared text fixture (timestamps already in ms)", () => {
    expect(parseInstagramWebhook(fixture("instagram", "text"))).toEqual([
      {
        type: "message",
        channelExternalId: ACCOUNT,
        contact: { externalId: IGSID },
        providerMessageId:
          "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAxNzE4NTI3MDg4NzQ2MQZDZD",
        timestamp: 1767623400987,
        direction: "in",
        kind: "text",
        body: "Oi, esse tênis tem no 38?",
      },
    ]);
  });

  it("maps every attachment type and keeps the URL", () => {
    const ms = messages("attachments");
    const summary = ms.map((m) => [m.kind, m.media?.length ?? 0, m.payload?.attachmentType]);
    expect(summary).toEqual([
      ["image", 1, undefined],
      ["audio", 1, undefined],
      ["video", 1, undefined],
      ["file", 1, undefined],
      ["image", 1, "share"],
      ["image", 1, "story_mention"],
      ["video", 1, "ig_reel"],
      ["image", 2, undefined],
      ["unsupported", 0, undefined],
    ]);
    expect(ms[0]?.media).toEqual([{ url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1788&signature=AbX_image" }]);
    expect(ms[5]?.payload).toEqual({ attachmentType: "story_mention", storyMention: true });
    expect(ms[6]?.payload).toEqual({ attachmentType: "ig_reel", title: "Provador da coleção de verão", reelVideoId: "18045612345678901" });
    expect(ms[7]?.media?.map((x) => x.url)).toEqual([
      "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1795&signature=a",
      "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1796&signature=b",
    ]);
    // An attachment type we do not know is kept with its raw JSON.
    expect(ms[8]?.payload).toMatchObject({ type: "like_heart", raw: { message: { attachments: [{ type: "like_heart" }] } } });
    expect(ms.map((m) => m.timestamp)).toEqual(Array.from({ length: 9 }, (_, i) => 1767623410001 + i));
  });

  it("is_echo → outbound, contact is the recipient", () => {
    expect(messages("echo")).toEqual([
      {
        type: "message",
        channelExternalId: ACCOUNT,
        contact: { externalId: IGSID },
        providerMessageId: `${MID}AQZDZD`,
        timestamp: 1767623420000,
        direction: "out",
        kind: "text",
        body: "Temos sim! Quer que eu reserve?",
      },
    ]);
  });

  it("reply_to.mid → replyToProviderId; story replies keep the story", () => {
    const [reply, story] = messages("reply-to");
    expect(reply?.replyToProviderId).toBe(`${MID}AQZDZD`);
    expect(reply?.body).toBe("Esse mesmo");
    expect(story?.replyToProviderId).toBeUndefined();
    expect(story?.payload).toEqual({
      storyReply: { id: "3512345678901234567", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=story1&signature=s" },
    });
  });

  it("is_deleted → deleted: true for the unsent message id", () => {
    expect(messages("deleted")).toEqual([
      {
        type: "message",
        channelExternalId: ACCOUNT,
        contact: { externalId: IGSID },
        providerMessageId: `${MID}BQZDZD`,
        timestamp: 1767623440000,
        direction: "in",
        kind: "text",
        deleted: true,
      },
    ]);
  });

  it("quick_reply → text with payload.button", () => {
    const [m] = messages("quick-reply");
    expect(m?.kind).toBe("text");
    expect(m?.body).toBe("Retirar na loja");
    expect(m?.payload).toEqual({ button: { payload: "DELIVERY_PICKUP", text: "Retirar na loja" }, choiceId: "DELIVERY_PICKUP" });
  });

  it("reactions: react and unreact, with a stable synthetic id", () => {
    const [react, unreact] = messages("reaction");
    expect(react).toMatchObject({
      kind: "reaction",
      body: "❤️",
      contact: { externalId: IGSID },
      payload: { emoji: "❤️", messageId: `${MID}AQZDZD`, reaction: "love" },
      timestamp: 1767623460000,
    });
    expect(unreact).toMatchObject({ kind: "reaction", payload: { emoji: "", messageId: `${MID}AQZDZD`, removed: true } });
    expect(react?.providerMessageId).not.toBe(unreact?.providerMessageId);
    expect(messages("reaction")[0]?.providerMessageId).toBe(react?.providerMessageId);
  });

  it("read → read status of our message", () => {
    expect(parseInstagramWebhook(fixture("instagram", "read"))).toEqual([
      { type: "status", channelExternalId: ACCOUNT, providerMessageId: `${MID}AQZDZD`, status: "read", timestamp: 1767623470000 },
    ] satisfies InboundStatus[]);
  });

  it("postback → text with payload.button", () => {
    const [m] = messages("postback");
    expect(m).toMatchObject({
      providerMessageId: `${MID}EQZDZD`,
      kind: "text",
      body: "Ver tamanhos",
      payload: { button: { payload: "SIZES_TENIS_38", text: "Ver tamanhos" } },
    });
  });

  it("a postback with an empty or missing mid gets an id of its own (the hostile-input property found an empty one stored)", () => {
    for (const mid of ["", undefined]) {
      const body = fixture("instagram", "postback") as { entry: { messaging: { timestamp: number; sender: { id: string }; postback: { mid?: string } }[] }[] };
      const event = body.entry[0]!.messaging[0]!;
      if (mid === undefined) delete event.postback.mid;
      else event.postback.mid = mid;
      const [m] = parseInstagramWebhook(body) as InboundMessage[];
      expect(m?.providerMessageId).toBe(`postback:${event.sender.id}:${event.timestamp}`);
    }
  });

  it("an attachment type named like an object's own property (constructor, __proto__) is unsupported", () => {
    for (const type of ["constructor", "__proto__", "toString"]) {
      const body = fixture("instagram", "attachments") as { entry: { messaging: { message: { attachments: { type: string }[] } }[] }[] };
      body.entry[0]!.messaging[0]!.message.attachments[0]!.type = type;
      const [m] = parseInstagramWebhook(body) as InboundMessage[];
      expect(m?.kind).toBe("unsupported");
      expect(m?.payload?.type).toBe(type);
    }
  });

  it("is_unsupported keeps the raw event", () => {
    const [m] = messages("unsupported");
    expect(m?.kind).toBe("unsupported");
    expect(m?.payload?.raw).toMatchObject({ message: { is_unsupported: true } });
  });

  it("multiple entries route by entry.id; comment changes are ignored", () => {
    const events = parseInstagramWebhook(fixture("instagram", "multi-entry"));
    expect(events.map((e) => [e.providerMessageId, e.channelExternalId])).toEqual([
      ["m_multi_1", ACCOUNT],
      ["m_multi_2", ACCOUNT],
      ["m_multi_3", "17841400000000001"],
    ]);
  });

  it.each([
    ["null", null],
    ["a WhatsApp body", fixture("whatsapp", "text")],
    ["a Messenger page body", { object: "page", entry: [] }],
    ["entry missing", { object: "instagram" }],
    ["entry without id", { object: "instagram", entry: [{ time: 1, messaging: [] }] }],
  ])("rejects %s with 400", (_label, body) => {
    expect400(() => parseInstagramWebhook(body), /Not a Instagram/);
  });

  it("rejects a messaging item without sender, or a message without mid", () => {
    expect400(
      () => parseInstagramWebhook({ object: "instagram", entry: [{ id: ACCOUNT, messaging: [{ recipient: { id: ACCOUNT }, timestamp: 1 }] }] }),
      /sender/,
    );
    expect400(
      () =>
        parseInstagramWebhook({
          object: "instagram",
          entry: [{ id: ACCOUNT, messaging: [{ sender: { id: IGSID }, recipient: { id: ACCOUNT }, timestamp: 1767623400000, message: { text: "x" } }] }],
        }),
      /mid/,
    );
  });
});

describe("buildInstagramSendRequest", () => {
  const config = { accountId: ACCOUNT };
  const secrets = { accessToken: "IGAAT-test-token" };
  const to = { externalId: IGSID };

  it("text matches the shared request fixture field by field", () => {
    const spec = buildInstagramSendRequest(config, secrets, { to, kind: "text", body: "Temos sim! Quer que eu reserve?" });
    expect(INSTAGRAM_DEFAULT_API_BASE_URL).toBe("https://graph.instagram.com/v23.0");
    expect(spec.method).toBe("POST");
    expect(spec.url).toBe(`https://graph.instagram.com/v23.0/${ACCOUNT}/messages`);
    expect(spec.headers).toEqual({ Authorization: "Bearer IGAAT-test-token", "Content-Type": "application/json" });
    const expected = fixture("instagram", "send-request") as Record<string, unknown>;
    const actual = JSON.parse(spec.body ?? "") as Record<string, unknown>;
    expect(actual.recipient).toEqual(expected.recipient);
    expect(actual.message).toEqual(expected.message);
    expect(actual).toEqual(expected);
  });

  it.each([
    ["image", "image"],
    ["audio", "audio"],
    ["video", "video"],
    ["file", "file"],
  ] as const)("%s → attachment of type %s", (kind, type) => {
    const spec = buildInstagramSendRequest(config, secrets, { to, kind, media: { url: `https://cdn.example.com/x.${kind}` } });
    expect(JSON.parse(spec.body ?? "")).toEqual({
      recipient: { id: IGSID },
      message: { attachment: { type, payload: { url: `https://cdn.example.com/x.${kind}` } } },
    });
  });

  it("payment_link as text", () => {
    const spec = buildInstagramSendRequest(config, secrets, { to, kind: "payment_link", body: "Pague:", payload: { url: "https://pay.example.com/1" } });
    expect(JSON.parse(spec.body ?? "").message).toEqual({ text: "Pague:\nhttps://pay.example.com/1" });
  });

  it.each<[string, OutboundMessage]>([
    ["location", { to, kind: "location", payload: { latitude: 1, longitude: 2 } }],
    ["template", { to, kind: "template", payload: { name: "x" } }],
    ["image without url", { to, kind: "image" }],
    ["empty text", { to, kind: "text", body: "" }],
  ])("throws for %s", (_label, msg) => {
    expect(() => buildInstagramSendRequest(config, secrets, msg)).toThrow();
  });
});

describe("interpretInstagramSendResponse / sendInstagram", () => {
  const config = { accountId: ACCOUNT, apiBaseUrl: "https://graph.instagram.com/v23.0" };
  const secrets = { accessToken: "IGAAT-test-token" };
  const msg: OutboundMessage = { to: { externalId: IGSID }, kind: "text", body: "Temos sim! Quer que eu reserve?" };

  it("200 → message_id", () => {
    expect(interpretInstagramSendResponse(200, fixtureText("instagram", "send-response"))).toEqual({
      ok: true,
      providerMessageId:
        "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAxNzE4NTI3MDg4NzQ2NAZDZD",
    });
  });

  it("400 outside the messaging window → permanent with code and subcode", () => {
    expect(interpretInstagramSendResponse(400, fixtureText("instagram", "error-outside-window"))).toEqual({
      ok: false,
      retryable: false,
      reason: "HTTP 400 10/2534022: This message is sent outside of allowed window.",
    });
  });

  it("401, 429, 500", () => {
    expect(
      interpretInstagramSendResponse(401, '{"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190}}'),
    ).toEqual({ ok: false, retryable: false, reason: "HTTP 401 190: Invalid OAuth access token - Cannot parse access token" });
    expect(interpretInstagramSendResponse(429, '{"error":{"message":"Application request limit reached","code":4}}')).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(interpretInstagramSendResponse(500, "")).toEqual({ ok: false, retryable: true, reason: "HTTP 500" });
  });

  it("sendInstagram records the request and returns the id", async () => {
    const fake = fakeFetch(200, fixtureText("instagram", "send-response"));
    const result = await sendInstagram(config, secrets, msg, fake.impl);
    expect(result.ok).toBe(true);
    expect(fake.calls[0]?.url).toBe(`https://graph.instagram.com/v23.0/${ACCOUNT}/messages`);
    expect(fake.calls[0]?.headers.Authorization).toBe("Bearer IGAAT-test-token");
    expect(JSON.parse(fake.calls[0]?.body ?? "")).toEqual(fixture("instagram", "send-request"));
    expect(fake.calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("sendInstagram with a throwing fetch is retryable", async () => {
    expect(await sendInstagram(config, secrets, msg, throwingFetch(new Error("ECONNRESET")))).toEqual({
      ok: false,
      retryable: true,
      reason: "network error: ECONNRESET",
    });
  });
});
