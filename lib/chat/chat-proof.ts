import type { NextRequest } from "next/server";
import { CHAT_COOKIE, CHAT_TOKEN_HEADER, chatIdFromCookie, readCookie } from "@/lib/auth/chat-binding";
import type { ChatProof } from "./ownership";

// Where a request carries its proof of owning a conversation: the web chat's signed cookie, and the legacy
// chat_token as the `X-Chat-Token` header, a body field or (event streams, WebSocket) a `token` query parameter.
export function chatProofOf(req: NextRequest | Request, bodyToken?: string | null): ChatProof {
  const url = new URL(req.url);
  return {
    cookieChatId: chatIdFromCookie(readCookie(req.headers.get("cookie"), CHAT_COOKIE)),
    token: bodyToken ?? req.headers.get(CHAT_TOKEN_HEADER) ?? url.searchParams.get("token"),
  };
}

/** The response headers that hand a new conversation's token back. */
export function chatTokenHeaders(token: string | null): Record<string, string> {
  return token ? { [CHAT_TOKEN_HEADER]: token } : {};
}
