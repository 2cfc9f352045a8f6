"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatState, TurnData } from "@/lib/chat/ui-types";
import type { ChatItem } from "./history";
import { errorMessageOf, readChatStream } from "./stream";

// One conversation on the page: sending (POST /api/chat, streamed answer), the live event stream (staff
// replies, notices, switches, order changes) and the page state read from the database after each change.
export type SessionStatus = "idle" | "submitted" | "streaming";

type LiveEvent = { type: string; id?: number; mensaje?: string; timestamp?: string; remitente?: string };

const LIVE_KINDS: Record<string, ChatItem["kind"]> = {
  staff_message: "staff",
  system_message: "notice",
};

let localCounter = 0;
const localId = (prefix: string) => `${prefix}-${Date.now()}-${++localCounter}`;

export function useChatSession(chatId: string, initial: ChatItem[]) {
  const [items, setItems] = useState<ChatItem[]>(initial);
  const [status, setStatus] = useState<SessionStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<ChatState | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const busy = useRef(false);
  const failed = useRef<string | null>(null);
  const known = useRef(new Set(initial.flatMap((i) => (i.dbId ? [i.dbId] : []))));
  const stateSeq = useRef(0);

  const refresh = useCallback(async () => {
    const seq = ++stateSeq.current;
    try {
      const res = await fetch(`/api/chat/${chatId}/state`, { cache: "no-store" });
      if (!res.ok) return;
      const next = (await res.json()) as ChatState;
      // an older request answering late must not overwrite a newer state
      if (seq === stateSeq.current) setState(next);
    } catch {
      // offline for a moment: the next event or turn reads the state again
    }
  }, [chatId]);

  useEffect(() => {
    const source = new EventSource(`/api/chat/${chatId}/events`);
    source.onopen = () => void refresh();
    source.onmessage = (event) => {
      let data: LiveEvent;
      try {
        data = JSON.parse(event.data as string) as LiveEvent;
      } catch {
        return;
      }
      const kind =
        LIVE_KINDS[data.type] ??
        (data.type === "message" ? (data.remitente === "customer" ? "user" : "bot") : undefined);
      // this page's own turn is echoed too; its stream already carries those messages
      const echo = data.type === "message" && busy.current;
      if (kind && typeof data.id === "number" && data.mensaje && !known.current.has(data.id) && !echo) {
        known.current.add(data.id);
        const item: ChatItem = {
          id: `db-${data.id}`,
          dbId: data.id,
          kind,
          text: data.mensaje,
          at: data.timestamp ?? new Date().toISOString(),
        };
        setItems((prev) => [...prev, item]);
      }
      void refresh();
    };
    return () => source.close();
  }, [chatId, refresh]);

  const run = useCallback(
    async (text: string) => {
      busy.current = true;
      failed.current = text;
      setStatus("submitted");
      setError(null);
      const botId = localId("bot");
      const update = (patch: (item: ChatItem) => ChatItem) =>
        setItems((prev) => prev.map((i) => (i.id === botId ? patch(i) : i)));
      let streamError: string | null = null;
      try {
        const res = await fetch("/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chatId, mensaje: text }),
        });
        if (!res.ok || !res.body) {
          streamError = await errorMessageOf(res);
          return;
        }
        const at = new Date().toISOString();
        setItems((prev) => [...prev, { id: botId, kind: "bot", text: "", at, streaming: true }]);
        await readChatStream(res.body, {
          onProgress: setProgress,
          onText: (delta) => {
            setProgress(null);
            setStatus("streaming");
            update((i) => ({ ...i, text: i.text + delta }));
          },
          onTurn: (turn: TurnData) => {
            for (const id of turn.messageIds ?? []) known.current.add(id);
            const [, answerId] = turn.messageIds ?? [];
            update((i) => ({
              ...i,
              dbId: answerId,
              turn,
              text: turn.replaced || !i.text ? turn.reply : i.text,
            }));
          },
          onError: (message) => {
            streamError = message;
          },
        });
      } catch {
        streamError = "No pudimos enviar tu mensaje. Revisa tu conexión e intenta de nuevo.";
      } finally {
        if (streamError) {
          setItems((prev) => prev.filter((i) => i.id !== botId));
          setError(streamError);
        } else {
          failed.current = null;
          update((i) => ({ ...i, streaming: false }));
        }
        busy.current = false;
        setProgress(null);
        setStatus("idle");
        void refresh();
      }
    },
    [chatId, refresh],
  );

  const send = useCallback(
    (text: string) => {
      if (busy.current) return;
      setItems((prev) => [...prev, { id: localId("me"), kind: "user", text, at: new Date().toISOString() }]);
      void run(text);
    },
    [run],
  );

  /** Sends the message that failed again (it is already on screen). */
  const retry = useCallback(() => {
    if (!busy.current && failed.current) void run(failed.current);
  }, [run]);

  return { items, status, error, state, progress, send, retry, refresh };
}
