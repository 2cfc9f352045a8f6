"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Re-renders the server page when the event stream reports something relevant (new message, takeover,
 * global switch). `chatId` narrows it to one conversation. Falls back to polling every 2 s when the stream
 * is down, so the inbox is never silently stale.
 */
export function LiveRefresh({ chatId }: { chatId?: string }) {
  const router = useRouter();
  const [live, setLive] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const refresh = () => {
      if (pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = null;
        router.refresh();
      }, 150);
    };
    const source = new EventSource("/api/console/events");
    let poll: ReturnType<typeof setInterval> | null = null;
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    source.onopen = () => {
      setLive(true);
      stopPolling();
    };
    source.onerror = () => {
      setLive(false);
      poll ??= setInterval(() => router.refresh(), 2000);
    };
    const onEvent = (e: MessageEvent<string>) => {
      try {
        const event = JSON.parse(e.data) as { chatId?: string };
        if (!chatId || !event.chatId || event.chatId === chatId) refresh();
      } catch {
        refresh();
      }
    };
    for (const type of ["message", "conversation", "bot-global", "note", "attention"])
      source.addEventListener(type, onEvent);
    return () => {
      source.close();
      stopPolling();
      if (pending.current) clearTimeout(pending.current);
    };
  }, [router, chatId]);

  return (
    <span className="inline-flex items-center gap-1 text-xs text-ink-500" data-testid="live-indicator" data-live={live}>
      <span className={`h-2 w-2 rounded-full ${live ? "bg-ok" : "bg-ink-300"}`} aria-hidden />
      {live ? "En vivo" : "Reconectando…"}
    </span>
  );
}
