"use client";

import { useEffect, useRef, useState } from "react";
import { INBOX_CHANGED } from "@/components/console/inbox-seen";

export type InboxCounts = { unread: number; waiting: number; newestId: number };

const ASKED_KEY = "sv-notifications-asked";
const TITLE_PREFIX = /^\(\d+\+?\) /;

/** A short two-tone chime made on the spot (no audio file to load). Browsers play it after any click on the page. */
function chime() {
  try {
    const audio = new AudioContext();
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.12, audio.currentTime + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.15 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.15);
      osc.stop(audio.currentTime + i * 0.15 + 0.3);
    }
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // no audio device: the badge and the notification still tell
  }
}

function notify(title: string, body: string) {
  chime();
  if (typeof Notification !== "undefined" && Notification.permission === "granted") {
    try {
      new Notification(title, { body, tag: "sextinvalle-inbox", icon: "/favicon.svg" });
    } catch {
      // some browsers allow notifications only from a service worker: the chime and badge remain
    }
  }
}

/** "(3) Conversaciones · Consola Sextinvalle": the unread count in front of whatever title the page has. */
function applyTitle(unread: number) {
  const base = document.title.replace(TITLE_PREFIX, "");
  const next = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
  if (document.title !== next) document.title = next;
}

/**
 * The inbox's live figures for the nav: unread conversations (badge and tab title), customers waiting, and an
 * alert (chime + browser notification) for a new conversation, a customer waiting for a person, or a handover
 * flag. Listens to the console event stream; polls every 10 s while the stream is down.
 */
export function useInboxPulse(initial: InboxCounts | null) {
  const [counts, setCounts] = useState(initial);
  const [lastAlert, setLastAlert] = useState<string | null>(null);
  const previous = useRef(initial);

  useEffect(() => {
    if (!initial) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let flagged = false;
    const alert = (title: string, body: string) => {
      setLastAlert(title);
      notify(title, body);
    };
    const reload = async () => {
      timer = null;
      try {
        const res = await fetch("/api/console/inbox", { cache: "no-store" });
        if (!res.ok) return;
        const next = (await res.json()) as InboxCounts;
        const before = previous.current;
        previous.current = next;
        setCounts(next);
        if (before && next.newestId > before.newestId)
          alert("Nueva conversación", "Un cliente escribió por primera vez.");
        else if (flagged) alert("Conversación para un asesor", "El asesor virtual pide que una persona atienda.");
        else if (before && next.waiting > before.waiting) alert("Cliente esperando", "Un cliente espera un asesor.");
        flagged = false;
      } catch {
        // offline for a moment: the next event or poll tries again
      }
    };
    const schedule = () => {
      timer ??= setTimeout(reload, 250);
    };
    const source = new EventSource("/api/console/events");
    source.onopen = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    source.onerror = () => {
      poll ??= setInterval(schedule, 10_000);
    };
    const onEvent = () => schedule();
    // a conversation page marked messages read: the badge follows without waiting for the next event
    window.addEventListener(INBOX_CHANGED, onEvent);
    for (const type of ["message", "conversation"]) source.addEventListener(type, onEvent);
    source.addEventListener("attention", () => {
      flagged = true;
      schedule();
    });
    return () => {
      window.removeEventListener(INBOX_CHANGED, onEvent);
      source.close();
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
    };
  }, [initial]);

  // the unread count stays in the tab title across client navigations (each page sets its own title)
  useEffect(() => {
    if (!counts) return;
    applyTitle(counts.unread);
    const observer = new MutationObserver(() => applyTitle(counts.unread));
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [counts]);

  return { counts, lastAlert };
}

/** "Activar avisos": asks for the browser's notification permission once, on a click (browsers require one). */
export function NotificationPrompt() {
  const [show, setShow] = useState(false);
  useEffect(() => {
    setShow(
      typeof Notification !== "undefined" &&
        Notification.permission === "default" &&
        localStorage.getItem(ASKED_KEY) === null,
    );
  }, []);
  if (!show) return null;
  return (
    <button
      type="button"
      className="mx-3 mt-2 rounded-lg border border-ink-100 px-2 py-1 text-xs text-ink-700 hover:bg-ink-50"
      onClick={async () => {
        localStorage.setItem(ASKED_KEY, new Date().toISOString());
        setShow(false);
        chime();
        try {
          await Notification.requestPermission();
        } catch {
          // the browser refused to ask: nothing else to do
        }
      }}
    >
      Activar avisos de la bandeja
    </button>
  );
}
