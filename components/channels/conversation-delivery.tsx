import { conversationDelivery } from "@/lib/channels/status";
import { isMessagingChannel } from "@/lib/domain/channels";
import { formatDateTime } from "@/lib/format";
import { RetryDeliveryButton } from "./channel-buttons";
import { ChannelIcon } from "./channel-icon";

// A Telegram/WhatsApp conversation's delivery facts for staff: WhatsApp's 24-hour window (and what happens to a
// reply outside it), and the messages that have not reached the customer. Renders nothing for web conversations.
export async function ConversationDelivery({
  chatId,
  channel,
  canRetry,
}: {
  chatId: string;
  channel: string;
  canRetry: boolean;
}) {
  if (!isMessagingChannel(channel)) return null;
  const d = await conversationDelivery(chatId, channel);
  return (
    <section className="card p-4 text-sm" data-testid="conversation-delivery">
      <h2 className="mb-2 flex items-center gap-2 font-semibold">
        <ChannelIcon channel={channel} withLabel />
      </h2>
      {channel === "whatsapp" ? (
        <p className="mb-2" data-testid="whatsapp-window">
          {d.windowOpen && d.windowEndsAt
            ? `Ventana de 24 h abierta hasta ${formatDateTime(d.windowEndsAt)}: las respuestas salen como texto.`
            : d.template
              ? `Ventana de 24 h cerrada: las respuestas salen con la plantilla «${d.template.name}».`
              : "Ventana de 24 h cerrada y sin plantilla configurada: WhatsApp no entregará las respuestas hasta que el cliente escriba."}
        </p>
      ) : null}
      {d.undelivered.length === 0 ? (
        <p className="text-ink-500">Todos los mensajes llegaron al cliente.</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="undelivered">
          {d.undelivered.map((u) => (
            <li key={u.id} className={u.status === "failed" ? "text-danger" : "text-warn"}>
              «{u.text}» —{" "}
              {u.status === "failed"
                ? `no entregado${u.lastError ? `: ${u.lastError}` : ""}`
                : `en cola${u.attempts > 0 ? `, intento ${u.attempts + 1} a las ${formatDateTime(u.nextAttemptAt)}` : ""}`}
              {u.status === "failed" && canRetry ? (
                <span className="ml-2">
                  <RetryDeliveryButton id={u.id} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
