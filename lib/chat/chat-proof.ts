import type { NextRequest } from "next/server";
import { CHAT_COOKIE, CHAT_TOKEN_HEADER, chatIdsFromCookie, readCookie } from "@/lib/auth/chat-binding";
import type { Principal } from "@/lib/auth/principal";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { authorizeChat, type ChatProof, type ChatPurpose } from "./ownership";

// Where a request carries its proof of owning a conversation: the web chat's signed cookie, and the legacy
// chat_token as the `X-Chat-Token` header, a body field or (event streams, WebSocket) a `token` query parameter.
export function chatProofOf(req: NextRequest | Request, bodyToken?: string | null): ChatProof {
  const url = new URL(req.url);
  return {
    cookieChatIds: chatIdsFromCookie(readCookie(req.headers.get("cookie"), CHAT_COOKIE)),
    token: bodyToken ?? req.headers.get(CHAT_TOKEN_HEADER) ?? url.searchParams.get("token"),
  };
}

/** The web chat's routes around one conversation (state, quote): the browser's cookie, or staff. */
export async function authorizeWebChat(
  req: NextRequest | Request,
  chatId: string,
  principal: Principal | null,
  purpose: ChatPurpose,
): Promise<string> {
  const access = await authorizeChat({
    chatId,
    door: "web",
    purpose,
    proof: chatProofOf(req),
    principal,
    clientIp: clientIpFromHeaders(req.headers),
  });
  return access.chatId;
}

/** The response headers that hand a new conversation's token back. */
export function chatTokenHeaders(token: string | null): Record<string, string> {
  return token ? { [CHAT_TOKEN_HEADER]: token } : {};
}
