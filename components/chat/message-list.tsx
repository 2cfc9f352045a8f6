"use client";
import { useEffect, useRef } from "react";
import type { ShopUIMessage } from "@/lib/chat/ui-types";
import { isStaffMessage, textOf, turnOf } from "./history";
import { ProductCard } from "./product-card";

function Bubble({ message, onAsk }: { message: ShopUIMessage; onAsk: (text: string) => void }) {
  const mine = message.role === "user";
  const staff = isStaffMessage(message);
  const turn = turnOf(message);
  const text = textOf(message);
  return (
    <li className={`flex flex-col gap-2 ${mine ? "items-end" : "items-start"}`}>
      {staff ? <span className="text-xs font-medium text-ink-500">Asesor de Sextinvalle</span> : null}
      {text ? (
        <div
          data-testid={mine ? "user-message" : staff ? "staff-message" : "bot-message"}
          className={`max-w-[85%] whitespace-pre-wrap rounded-2xl px-4 py-2.5 text-sm leading-relaxed shadow-sm ${
            mine
              ? "rounded-br-sm bg-brand-600 text-white"
              : staff
                ? "rounded-bl-sm border border-ink-300 bg-ink-100 text-ink-900"
                : "rounded-bl-sm bg-white text-ink-900"
          }`}
        >
          {text}
        </div>
      ) : null}
      {turn && turn.products.length > 0 ? (
        <ul className="flex max-w-full gap-3 overflow-x-auto pb-1" aria-label="Productos sugeridos">
          {turn.products.map((p) => (
            <li key={p.sku}>
              <ProductCard product={p} onAsk={onAsk} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function MessageList({
  messages,
  typing,
  onAsk,
}: {
  messages: ShopUIMessage[];
  typing: boolean;
  onAsk: (text: string) => void;
}) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ behavior: "smooth", block: "end" });
  });
  return (
    <div className="flex-1 overflow-y-auto px-3 py-4 sm:px-5" aria-live="polite" aria-busy={typing}>
      {messages.length === 0 ? (
        <div className="mx-auto mt-6 max-w-md text-center text-sm text-ink-500">
          <p className="text-base font-medium text-ink-700">¡Hola! Soy el asesor virtual de Sextinvalle.</p>
          <p className="mt-1">
            Pregúntame por cascos, guantes, extintores, arneses… te muestro precios y existencias y te ayudo a hacer tu
            pedido.
          </p>
        </div>
      ) : null}
      <ol className="flex flex-col gap-4" aria-label="Conversación">
        {messages.map((m) => (
          <Bubble key={m.id} message={m} onAsk={onAsk} />
        ))}
      </ol>
      {typing ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-ink-500" data-testid="typing">
          <span className="inline-flex gap-1" aria-hidden>
            <span className="size-1.5 animate-bounce rounded-full bg-brand-500" />
            <span className="size-1.5 animate-bounce rounded-full bg-brand-500 [animation-delay:120ms]" />
            <span className="size-1.5 animate-bounce rounded-full bg-brand-500 [animation-delay:240ms]" />
          </span>
          El asesor está escribiendo…
        </p>
      ) : null}
      <div ref={end} />
    </div>
  );
}
