import { publishMessages } from "@/lib/chat/events";
import { runChatTurnWithTimeout } from "@/lib/chat/pipeline";
import {
  type ChannelEventRow,
  completeChannelEvent,
  enqueueOutbox,
  ensureChannelConversation,
  findStoredTurn,
  getChannelEvent,
  getChannelEventRow,
  markUnanswered,
  type NewOutbox,
} from "@/lib/db/channel-events";
import { claimDue, releaseClaim } from "@/lib/db/channel-queue";
import { appendMessages, readGlobalBotSwitch } from "@/lib/db/conversations";
import { buttonText } from "@/lib/domain/channels";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { checkRateLimit, LIMITS } from "@/lib/ratelimit";
import { backoffMs } from "./config";
import { readMedia } from "./media";
import { replyRows } from "./outbound";
import { TEXTS } from "./texts";

// One stored customer event → one turn of the same pipeline as the web chat, then its answer queued in the
// outbox in the same transaction that marks the event done. A retried event first looks for the turn a previous
// attempt stored, so a crash between the turn and its bookkeeping never makes the agent answer twice.
const LEASE_MS = 90_000;
type Conversation = Awaited<ReturnType<typeof ensureChannelConversation>>;
type Ctx = { event: ChannelEventRow; conversation: Conversation; ref: string };

const rows = (ctx: Ctx, text: string, key: string, opts: { confirm?: boolean; messageId?: number | null } = {}) =>
  replyRows({
    channel: ctx.event.channel,
    chatId: ctx.conversation.chatId,
    recipient: ctx.event.payload.senderId,
    text,
    confirm: opts.confirm ?? false,
    dedupePrefix: `${key}:${ctx.event.id}`,
    messageId: opts.messageId ?? null,
  });

/** Read receipt (WhatsApp) or button acknowledgement (Telegram): sent right away, outside the customer's queue. */
async function acknowledge(ctx: Ctx): Promise<void> {
  const { payload, channel, id } = ctx.event;
  const base = { channel, chatId: ctx.conversation.chatId, recipient: payload.senderId, ordered: false } as const;
  const acks: NewOutbox[] = [];
  if (payload.readId)
    acks.push({ ...base, dedupeKey: `read:${id}`, payload: { type: "read", messageId: payload.readId } });
  if (payload.callback) {
    const callback = {
      type: "callback",
      callbackId: payload.callback.id,
      messageId: payload.callback.messageId,
    } as const;
    acks.push({ ...base, dedupeKey: `callback:${id}`, payload: callback });
  }
  if (acks.length > 0) await enqueueOutbox(acks);
}

async function botAnswers(conversation: Conversation): Promise<boolean> {
  return conversation.botEnabled && (await readGlobalBotSwitch()).enabled;
}

/** A message the agent does not take a turn on (too long, unsupported, unreadable media): stored, answered fixed. */
async function fixedAnswer(ctx: Ctx, customerText: string, reply: string, metadata: Record<string, unknown>) {
  const canal = ctx.event.channel;
  const customer = {
    role: "customer" as const,
    text: customerText,
    metadata: { canal, evento_canal: ctx.ref, ...metadata },
  };
  const answering = await botAnswers(ctx.conversation);
  const stored = await appendMessages(ctx.conversation.id, [
    customer,
    ...(answering ? [{ role: "assistant" as const, text: reply, metadata: { canal, respuesta_fija: true } }] : []),
  ]);
  await publishMessages(ctx.conversation.chatId, stored);
  return answering ? rows(ctx, reply, "fixed", { messageId: stored[1]?.id ?? null }) : [];
}

function turnText(ctx: Ctx): { text: string; source: Record<string, unknown> } | null {
  const p = ctx.event.payload;
  if (p.kind === "start") return { text: "Hola", source: { comando: "/start" } };
  if (p.kind === "button") {
    const says = p.buttonId ? buttonText(p.buttonId) : null;
    return says ? { text: says, source: { boton: p.buttonId } } : null;
  }
  return p.text?.trim() ? { text: p.text.trim(), source: {} } : null;
}

async function runTurn(ctx: Ctx, text: string, source: Record<string, unknown>): Promise<NewOutbox[]> {
  const result = await runChatTurnWithTimeout({
    chatId: ctx.conversation.chatId,
    text,
    channel: ctx.event.channel,
    principal: null,
    source: { ...source, evento_canal: ctx.ref },
  });
  if (result.botDisabled) {
    // a person took over and already told the customer; with the bot switched off for everyone, say so hourly
    if (!ctx.conversation.botEnabled) return [];
    const hour = Math.floor(Date.now() / 3_600_000);
    return rows(ctx, TEXTS.botOff, `botoff:${ctx.conversation.chatId}:${hour}`).map((r) => ({
      ...r,
      dedupeKey: `botoff:${ctx.conversation.chatId}:${hour}`,
    }));
  }
  const answer = result.messages.find((m) => m.role === "assistant");
  return rows(ctx, result.reply, "reply", {
    confirm: result.saleState === "listo_para_finalizar",
    messageId: answer?.id ?? null,
  });
}

async function answer(ctx: Ctx): Promise<NewOutbox[]> {
  const { event, conversation } = ctx;
  const p = event.payload;
  if (event.attempts > 1) {
    const stored = await findStoredTurn(conversation.id, ctx.ref);
    if (stored) {
      const a = stored.answer;
      return a ? rows(ctx, a.text, "reply", { confirm: a.saleState === "listo_para_finalizar", messageId: a.id }) : [];
    }
  }
  const limit = await checkRateLimit(LIMITS.chat, `${event.channel}:${p.senderId}`);
  if (!limit.allowed) {
    const minute = Math.floor(Date.now() / 60_000);
    const stored = await appendMessages(conversation.id, [
      {
        role: "customer",
        text: p.text ?? TEXTS.placeholder.unsupported,
        metadata: { canal: event.channel, evento_canal: ctx.ref, limitado: true },
      },
    ]);
    await publishMessages(conversation.chatId, stored);
    return rows(ctx, TEXTS.rateLimited, "limit").map((r) => ({
      ...r,
      dedupeKey: `limit:${conversation.chatId}:${minute}`,
    }));
  }
  if (p.kind === "audio" || p.kind === "image") {
    const media = await readMedia(event.channel, p.kind, p);
    if (!media.ok) return fixedAnswer(ctx, p.text?.trim() || TEXTS.placeholder[p.kind], media.reply, media.source);
    return runTurn(ctx, media.text, media.source);
  }
  const turn = turnText(ctx);
  if (!turn) return fixedAnswer(ctx, p.text ?? TEXTS.placeholder.unsupported, TEXTS.unsupported, { tipo: p.kind });
  if (turn.text.length > 1000) return fixedAnswer(ctx, turn.text, TEXTS.tooLong, { demasiado_largo: true });
  return runTurn(ctx, turn.text, turn.source);
}

export async function processEvent(id: number, owner: string): Promise<void> {
  const event = await getChannelEvent(id);
  const conversation = await ensureChannelConversation(event.channel, event.payload.senderId, event.payload.senderName);
  const ctx: Ctx = { event, conversation, ref: `${event.channel}:${event.externalId}` };
  await acknowledge(ctx);
  const replies = await answer(ctx);
  if (!(await completeChannelEvent(id, owner, replies))) log.warn("channel event lease lost", { eventId: id });
}

async function processOrRetry(id: number, owner: string): Promise<void> {
  try {
    await processEvent(id, owner);
  } catch (error) {
    try {
      const event = await getChannelEventRow(id);
      const retry = event.attempts < env().CHANNEL_MAX_ATTEMPTS;
      log.warn("channel event failed", { eventId: id, attempts: event.attempts, retry, err: error });
      const released = await releaseClaim("channelEvent", id, owner, {
        error: error instanceof Error ? error.message : String(error),
        retryAt: retry ? new Date(Date.now() + backoffMs(event.attempts)) : null,
      });
      if (released && !retry) await markUnanswered(event.channel, event.senderId, id, TEXTS.unanswered);
    } catch (err) {
      // our database is down too: the lease runs out and the event is tried again
      log.warn("channel event bookkeeping failed; retried when the lease expires", { eventId: id, err });
    }
  }
}

/** Processes due events (several customers at a time, each customer's in order); returns how many were claimed. */
export async function processDue(owner: string, limit = 6, concurrency = 3): Promise<number> {
  const ids = await claimDue("channelEvent", { owner, leaseMs: LEASE_MS, limit });
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
    while (next < ids.length) await processOrRetry(ids[next++] as number, owner);
  });
  await Promise.all(lanes);
  return ids.length;
}
