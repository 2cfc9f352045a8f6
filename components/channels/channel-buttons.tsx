"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { registerTelegramWebhookAction, retryDeliveryAction } from "@/app/(console)/dashboard/channels/actions";

// The two channel actions of the console, each a button with its own Spanish outcome message.
function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (work: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>, done: string) =>
    start(async () => {
      const result = await work();
      setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error.message });
      if (result.ok) router.refresh();
    });
  return { pending, message, run };
}

function Outcome({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <span role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-ok" : "text-danger"}`}>
      {message.text}
    </span>
  );
}

export function RegisterTelegramWebhookButton() {
  const { pending, message, run } = useAction();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        onClick={() => run(() => registerTelegramWebhookAction({ confirm: true }), "Webhook registrado en Telegram.")}
      >
        Registrar webhook en Telegram
      </button>
      <Outcome message={message} />
    </span>
  );
}

export function RetryDeliveryButton({ id }: { id: number }) {
  const { pending, message, run } = useAction();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-0.5 text-xs"
        disabled={pending}
        onClick={() => run(() => retryDeliveryAction({ id }), "Se intentará de nuevo.")}
      >
        Reintentar
      </button>
      <Outcome message={message} />
    </span>
  );
}
