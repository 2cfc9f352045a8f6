import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Proofs that a caller owns a conversation, without storing anything: the legacy API's `chat_token` and the
// web chat's signed cookie are HMACs of the chat id under a key derived from AUTH_SECRET, so only this
// server can issue them and rotating AUTH_SECRET revokes every one of them.
export const CHAT_COOKIE = "sv_chat";
export const CHAT_TOKEN_HEADER = "x-chat-token";
const COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

let cachedKey: { secret: string; key: Buffer } | undefined;

function bindingKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: createHmac("sha256", secret).update("sextinvalle:chat-binding:v1").digest() };
  }
  return cachedKey.key;
}

function mac(purpose: "token" | "cookie", chatId: string): string {
  return createHmac("sha256", bindingKey()).update(`${purpose}:${chatId}`).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A new conversation id nobody can guess (the server chooses it; 122 random bits). */
export function mintChatId(): string {
  return randomUUID();
}

export function chatTokenFor(chatId: string): string {
  return mac("token", chatId);
}

export function isValidChatToken(chatId: string, token: string | null | undefined): boolean {
  return typeof token === "string" && token.length > 0 && token.length <= 200 && sameText(token, chatTokenFor(chatId));
}

/** A browser keeps its current conversation first, then up to this many earlier ones. */
export const MAX_COOKIE_CHATS = 20;

/** The web chat's cookie value: `<chatId>.<mac>` per conversation, newest first, joined by `~`. */
export function chatCookieValue(chatIds: readonly string[]): string {
  return chatIds
    .slice(0, MAX_COOKIE_CHATS)
    .map((id) => `${id}.${mac("cookie", id)}`)
    .join("~");
}

/** The chat ids a cookie value proves (newest first); entries not signed by this server are dropped. */
export function chatIdsFromCookie(value: string | null | undefined): string[] {
  if (!value || value.length > 4000) return [];
  const ids: string[] = [];
  for (const entry of value.split("~").slice(0, MAX_COOKIE_CHATS)) {
    const dot = entry.lastIndexOf(".");
    if (dot <= 0) continue;
    const chatId = entry.slice(0, dot);
    if (sameText(entry.slice(dot + 1), mac("cookie", chatId)) && !ids.includes(chatId)) ids.push(chatId);
  }
  return ids;
}

/** `Set-Cookie` for the web chat: httpOnly, same-site, Secure when the page was served over https. */
export function chatCookieHeader(chatIds: readonly string[], secure: boolean): string {
  return [
    `${CHAT_COOKIE}=${chatCookieValue(chatIds)}`,
    "Path=/",
    `Max-Age=${COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Reads one cookie from a Cookie header (no dependency on Next's request scope). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
