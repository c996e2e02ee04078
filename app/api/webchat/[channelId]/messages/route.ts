import { webchatOptions, webchatPoll, webchatSend } from "@/server/http/webchat-api";

// Web chat visitors: POST a message, GET ?after=ID to poll. Cookie session, rate limits, CORS for the
// channel's allowed origins — all in server/http/webchat-api.ts.
export const dynamic = "force-dynamic";
export const GET = webchatPoll;
export const POST = webchatSend;
export const OPTIONS = webchatOptions;
