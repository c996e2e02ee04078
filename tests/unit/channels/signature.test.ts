import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  safeEqualStrings,
  verifyMetaHandshake,
  verifyMetaSignature,
  verifyZenviaSecret,
} from "@/server/channels/signature";

// The check value from the shared fixtures README.
const SECRET = "test-app-secret";
const BODY = '{"object":"whatsapp_business_account","entry":[]}';
const GOOD = "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc";

describe("verifyMetaSignature", () => {
  it("verifies the documented check value (string and Buffer body)", () => {
    expect(verifyMetaSignature(BODY, GOOD, SECRET)).toBe(true);
    expect(verifyMetaSignature(Buffer.from(BODY, "utf8"), GOOD, SECRET)).toBe(true);
  });

  it("accepts an upper-case hex digest and surrounding whitespace", () => {
    expect(verifyMetaSignature(BODY, `  sha256=${GOOD.slice(7).toUpperCase()} `, SECRET)).toBe(true);
  });

  it("rejects a body with one flipped byte", () => {
    const bytes = Buffer.from(BODY, "utf8");
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect(verifyMetaSignature(bytes, GOOD, SECRET)).toBe(false);
  });

  it("rejects a signature with one flipped hex digit", () => {
    const last = GOOD.at(-1) === "c" ? "d" : "c";
    expect(verifyMetaSignature(BODY, GOOD.slice(0, -1) + last, SECRET)).toBe(false);
  });

  it("rejects re-serialized JSON (whitespace changes the bytes)", () => {
    expect(verifyMetaSignature(JSON.stringify(JSON.parse(BODY), null, 1), GOOD, SECRET)).toBe(false);
  });

  it("rejects a missing, empty or malformed header", () => {
    expect(verifyMetaSignature(BODY, null, SECRET)).toBe(false);
    expect(verifyMetaSignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifyMetaSignature(BODY, "", SECRET)).toBe(false);
    expect(verifyMetaSignature(BODY, GOOD.slice(7), SECRET)).toBe(false); // no sha256= prefix
    expect(verifyMetaSignature(BODY, "sha1=c84a394cc475525991e78ff16e430b02e47f9538", SECRET)).toBe(false);
    expect(verifyMetaSignature(BODY, GOOD.slice(0, -2), SECRET)).toBe(false); // too short
    expect(verifyMetaSignature(BODY, `${GOOD}00`, SECRET)).toBe(false); // too long
    expect(verifyMetaSignature(BODY, "sha256=zz4a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc", SECRET)).toBe(false);
  });

  it("rejects the right signature under the wrong or an empty secret", () => {
    expect(verifyMetaSignature(BODY, GOOD, "other-secret")).toBe(false);
    expect(verifyMetaSignature(BODY, GOOD, "")).toBe(false);
  });

  it("verifies a UTF-8 body over its bytes", () => {
    const body = '{"text":"Olá, açaí 🍧"}';
    const sig = `sha256=${createHmac("sha256", SECRET).update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(verifyMetaSignature(body, sig, SECRET)).toBe(true);
    expect(verifyMetaSignature(Buffer.from(body, "latin1"), sig, SECRET)).toBe(false);
  });
});

describe("verifyMetaHandshake", () => {
  const params = (token: string, mode = "subscribe", challenge = "1158201444") =>
    new URLSearchParams({ "hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge });

  it("echoes the challenge when the token matches", () => {
    expect(verifyMetaHandshake(params("meu-token-secreto"), "meu-token-secreto")).toBe("1158201444");
  });

  it("returns null for a wrong token, wrong mode, missing challenge or empty configured token", () => {
    expect(verifyMetaHandshake(params("errado"), "meu-token-secreto")).toBeNull();
    expect(verifyMetaHandshake(params("meu-token-secreto", "unsubscribe"), "meu-token-secreto")).toBeNull();
    expect(verifyMetaHandshake(params("meu-token-secreto", "subscribe", ""), "meu-token-secreto")).toBeNull();
    expect(verifyMetaHandshake(new URLSearchParams({ "hub.mode": "subscribe", "hub.challenge": "1" }), "t")).toBeNull();
    expect(verifyMetaHandshake(params(""), "")).toBeNull();
  });

  it("parses a real query string", () => {
    const qs = new URLSearchParams("hub.mode=subscribe&hub.challenge=726915123&hub.verify_token=abc%20def");
    expect(verifyMetaHandshake(qs, "abc def")).toBe("726915123");
  });
});

describe("verifyZenviaSecret", () => {
  it("accepts the exact secret only", () => {
    expect(verifyZenviaSecret("s3cr3t-zenvia-channel-7", "s3cr3t-zenvia-channel-7")).toBe(true);
    expect(verifyZenviaSecret("s3cr3t-zenvia-channel-8", "s3cr3t-zenvia-channel-7")).toBe(false);
    expect(verifyZenviaSecret("s3cr3t", "s3cr3t-zenvia-channel-7")).toBe(false);
    expect(verifyZenviaSecret(null, "s3cr3t-zenvia-channel-7")).toBe(false);
    expect(verifyZenviaSecret(undefined, "s3cr3t-zenvia-channel-7")).toBe(false);
  });

  it("never accepts when no secret is configured", () => {
    expect(verifyZenviaSecret("", "")).toBe(false);
    expect(verifyZenviaSecret("anything", "")).toBe(false);
  });

  it("safeEqualStrings compares by value", () => {
    expect(safeEqualStrings("a", "a")).toBe(true);
    expect(safeEqualStrings("a", "b")).toBe(false);
    expect(safeEqualStrings("", "")).toBe(true);
  });
});
