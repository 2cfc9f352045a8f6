import { applyCloseResult, type CloseResult } from "@/lib/agent/planning/close";
import type { TurnPlan } from "@/lib/agent/planning/plan";
import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { TOOL_PROGRESS } from "@/lib/agent/tools";
import type { Intent, Tone } from "@/lib/agent/types";
import type { HandoverReason } from "@/lib/agent/wording/facts";
import { chatModel, type LlmChoice } from "@/lib/ai/providers";
import { can } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { lookupClient } from "@/lib/db/client-lookup";
import { appendMessages, loadTurnState, recordTurn, type StoredMessage } from "@/lib/db/conversations";
import type { OrderSummary } from "@/lib/db/open-orders";
import { closeOrder, StockConflictError } from "@/lib/db/orders";
import { flagForAttention } from "@/lib/db/shop-state";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { SaleSnapshot } from "@/lib/sales/types";
import { ATTENTION_BOT_OFF, HUMAN_NOTICE, pausedNotice } from "./attendance";
import { movedOnTurn, orderThatMovedOn } from "./close-race";
import { historyFrom, restoreSale } from "./conversation-state";
import { publishAttention, publishMessages } from "./events";
import { type UnderstoodTurn, understandTurn, wordTurn } from "./hosted-turn";
import { startingOnce, type TurnHooks } from "./turn-hooks";

export type { Stage, TurnHooks } from "./turn-hooks";

import { currentCompany, currentKnowledge, invalidateCatalog } from "./knowledge";
import { type ProductMetadata, productsMetadata, withKnownMedia, withTimeout } from "./shapes";

// One pipeline for every channel (web chat, POST /chat/texto, WS /ws/chat/{id}, Telegram and WhatsApp through
// lib/channels): load → plan (classify, retrieve, sale step: A's deterministic planTurn) → close the order if
// asked → phrase with the model (streamed) → persist the turn → publish it to the console inbox.
export type Channel = "web" | "api" | "ws" | "telegram" | "whatsapp";

export type ChatTurnInput = {
  chatId: string;
  text: string;
  channel: Channel;
  tone?: Tone;
  instructions?: string;
  llm?: LlmChoice;
  principal: Principal | null;
  /** Extra metadata for the customer's message (e.g. how an image or audio was read). */
  source?: Record<string, unknown>;
};

export type ChatTurnResult = {
  chatId: string;
  reply: string;
  intent: Intent;
  /** What kind of answer this was (products, sale, company, …; "fallback" when the message was not understood). */
  answerKind: string;
  saleState: string | null;
  /** The sale after this turn (the agent's snapshot; the order row mirrors it). */
  sale: SaleSnapshot | null;
  suggestions: string[];
  products: ProductMetadata[];
  order: OrderSummary | null;
  metadata: Record<string, unknown>;
  /** True when a person attends the conversation (or the bot is off): the bot did not answer. */
  botDisabled: boolean;
  /** True when streamed deltas were replaced by `reply` (model failed mid-answer). */
  replaced: boolean;
  messages: StoredMessage[];
};

/**
 * The bot does not answer: a person attends (takeover), or the bot is off for everyone. Only the customer's
 * message is stored; with the bot off the conversation is queued for staff and the customer told so.
 */
async function silentTurn(
  input: ChatTurnInput,
  conversation: { id: number; saleState: string | null },
  paused: boolean,
) {
  const messages = await appendMessages(conversation.id, [
    { role: "customer", text: input.text, metadata: { canal: input.channel, ...(input.source ?? {}) } },
  ]);
  if (paused) await flagForAttention(conversation.id, ATTENTION_BOT_OFF);
  await publishMessages(input.chatId, messages);
  // `razon`: the previous system's clients show it next to the notice
  const razon = paused ? "El asesor virtual está en pausa" : "Un asesor atiende esta conversación";
  const metadata = { ia_desactivada: true, razon, productos: [], pedido: null, ...(paused ? { en_pausa: true } : {}) };
  return {
    chatId: input.chatId,
    reply: paused ? pausedNotice(await currentCompany()) : HUMAN_NOTICE,
    intent: "contexto",
    answerKind: "silent",
    saleState: conversation.saleState,
    sale: null,
    suggestions: [],
    products: [],
    order: null,
    metadata,
    botDisabled: true,
    replaced: false,
    messages,
  } satisfies ChatTurnResult;
}

const ATTENTION_REASONS: Record<HandoverReason, string> = {
  asked: "El cliente pidió hablar con un asesor",
  not_understood: "El asistente no entendió dos mensajes seguidos",
  bot_off: "El asistente está apagado",
};

function attentionFor(plan: TurnPlan): { reason: string } | null {
  const handover = plan.effects.find((e) => e.type === "hand_over");
  return handover?.type === "hand_over" ? { reason: ATTENTION_REASONS[handover.reason] } : null;
}

/** What understanding made of the customer's message, kept on it for staff review and evaluation. */
function understandingMetadata(plan: TurnPlan, understood: UnderstoodTurn) {
  const u = plan.understanding;
  const hosted = understood.hosted;
  return {
    ...(hosted?.disagreement ? { desacuerdo: hosted.disagreement } : {}),
    ...(hosted ? { herramientas: { usadas: hosted.toolsUsed, rechazos: hosted.refusals, pasos: hosted.steps } } : {}),
    ...(hosted?.failure ? { fallo_modelo: hosted.failure } : {}),
    ...(understood.budget ? { presupuesto_agotado: understood.budget } : {}),
    productor: u.producer,
    entendido: u.understood,
    confianza: u.confidence,
    eventos: u.events.map((e) => e.type),
    referencias: u.references.map((r) => ({ palabras: r.words, resolucion: r.resolution, sku: r.sku })),
    ...(u.answers ? { responde_a: u.answers } : {}),
  };
}

function customerForClose(plan: TurnPlan) {
  const c = plan.sale?.customer ?? {};
  if (!c.name || !c.documentNumber) return null;
  return {
    name: c.name,
    documentType: c.documentType ?? "CC",
    documentNumber: c.documentNumber,
    phone: c.phone ?? null,
    email: c.email ?? null,
    address: c.address ?? null,
    city: c.city ?? null,
  };
}

/**
 * A close the database refused becomes part of the conversation, not a failed turn: missing stock is offered
 * as what is left, and a product deactivated since it was added counts as none left.
 */
function closeConflicts(error: unknown, plan: TurnPlan, catalog: CatalogIndex): { sku: string; available: number }[] {
  if (error instanceof StockConflictError) return error.shortages.map((s) => ({ sku: s.sku, available: s.available }));
  if (isAppError(error) && error.code === "not_found") {
    const gone = (plan.sale?.lines ?? []).filter((l) => !catalog.bySku(l.sku)?.active);
    if (gone.length > 0) return gone.map((l) => ({ sku: l.sku, available: 0 }));
  }
  throw error;
}

async function closeIfAsked(
  plan: TurnPlan,
  catalog: CatalogIndex,
  ids: { orderId: number | null; conversationId: number; channel: Channel },
) {
  if (!plan.effects.some((e) => e.type === "close_order") || !plan.sale)
    return { plan, orderId: ids.orderId, catalog, movedOn: null };
  const customer = customerForClose(plan);
  let result: CloseResult = { ok: false, conflicts: [] };
  let failure: unknown;
  let orderId = ids.orderId;
  try {
    if (!customer) throw new AppError("invalid_input", "Faltan datos del cliente para cerrar el pedido.");
    const closed = await closeOrder({
      ...(ids.orderId ? { orderId: ids.orderId } : {}),
      conversationId: ids.conversationId,
      lines: plan.sale.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      customer,
      channel: ids.channel,
      actor: { type: "bot" },
    });
    orderId = closed.id;
    result = { ok: true, orderId: closed.number };
  } catch (error) {
    failure = error;
  }
  // stock (and maybe products) changed either way: the answer must show the database as it is now
  invalidateCatalog();
  const fresh = (await currentKnowledge()).catalog;
  const movedOn = failure === undefined ? null : await orderThatMovedOn(failure, ids.orderId);
  if (movedOn) return { plan, orderId, catalog: fresh, movedOn };
  if (failure !== undefined) result = { ok: false, conflicts: closeConflicts(failure, plan, fresh) };
  return { plan: applyCloseResult(plan, result, fresh), orderId, catalog: fresh, movedOn: null };
}

export async function runChatTurn(input: ChatTurnInput, outerHooks: TurnHooks = {}): Promise<ChatTurnResult> {
  const hooks = startingOnce(outerHooks);
  const config = env();
  const started = performance.now();
  hooks.onStage?.("analizando");
  // Two reads per turn: the conversation's state (row, last messages, newest order) and the versions of what the
  // process keeps in memory (catalogue, company text, bot switch) — both by index, whatever the data's size.
  const retrievalStarted = performance.now();
  const [state, knowledge] = await withTimeout(
    Promise.all([loadTurnState(input.chatId, input.channel, 10), currentKnowledge()]),
    config.AGENT_RETRIEVAL_TIMEOUT_MS,
    "La búsqueda en el catálogo tardó demasiado. Intenta de nuevo.",
  );
  const { conversation, recent, sale: stored } = state;
  if (!conversation.botEnabled || !knowledge.botSwitch.enabled)
    return silentTurn(input, conversation, conversation.botEnabled);

  hooks.onStage?.("buscando");
  const { catalog, company } = knowledge;
  const retrievalMs = Math.round(performance.now() - retrievalStarted);
  const history = historyFrom(recent);
  const isStaff = input.principal !== null && can(input.principal.role, "clients:read");
  const model = chatModel(input.llm);
  const understood = await understandTurn({
    turn: { text: input.text, history, sale: restoreSale(stored, recent), catalog, company, isStaff },
    chatModel: model,
    conversationId: conversation.id,
    config,
    tone: input.tone,
    instructions: input.instructions,
    signal: hooks.signal,
    onDelta: (delta, intentSoFar) => {
      hooks.start(intentSoFar);
      hooks.onDelta?.(delta);
    },
    onTool: (tool) => hooks.onProgress?.(TOOL_PROGRESS[tool] ?? "Consultando…"),
  });
  let plan = understood.plan;
  if (plan.facts.clientLookup && isStaff) {
    plan = { ...plan, facts: { ...plan.facts, clientLookupResult: await lookupClient(plan.facts.clientLookup) } };
  }
  const closing = await closeIfAsked(plan, catalog, {
    orderId: stored?.orderId ?? null,
    conversationId: conversation.id,
    channel: input.channel,
  });
  if (closing.movedOn) return movedOnTurn(input, conversation.id, closing.plan, closing.movedOn, hooks);
  plan = closing.plan;

  hooks.start(plan.intent);
  const answer = await wordTurn({
    understood,
    plan,
    chatModel: model,
    history,
    text: input.text,
    tone: input.tone,
    instructions: input.instructions,
    companyText: company.text,
    timeoutMs: config.AGENT_MODEL_TIMEOUT_MS,
    signal: hooks.signal,
    onDelta: hooks.onDelta,
  });

  hooks.onStage?.("guardando");
  const products = withKnownMedia(productsMetadata(plan, closing.catalog), knowledge.media);
  const saleState = plan.sale?.state ?? conversation.saleState ?? null;
  const totalMs = () => Math.round(performance.now() - started);
  const saved = await recordTurn({
    conversationId: conversation.id,
    customer: {
      role: "customer",
      text: input.text,
      intent: plan.intent,
      confidence: plan.understanding.confidence,
      metadata: {
        canal: input.channel,
        ...(input.source ?? {}),
        entendimiento: understandingMetadata(plan, understood),
      },
    },
    assistant: (order) => ({
      role: "assistant",
      text: answer.text,
      intent: plan.intent,
      saleState,
      model: answer.model,
      modelMs: answer.modelMs,
      inputTokens: answer.usage?.inputTokens ?? null,
      outputTokens: answer.usage?.outputTokens ?? null,
      retrievalMs,
      totalMs: totalMs(),
      metadata: {
        productos: products,
        pedido: order,
        sugerencias: plan.suggestions,
        venta: plan.sale,
        ...(answer.fallback ? { respaldo: answer.fallback } : {}),
        ...(answer.problems.length > 0 ? { hechos_rechazados: answer.problems } : {}),
      },
    }),
    sale: plan.sale ? { orderId: closing.orderId, snapshot: plan.sale, channel: input.channel } : null,
    attention: attentionFor(plan),
  });
  await publishMessages(input.chatId, saved.messages);
  if (saved.attention) await publishAttention(input.chatId, saved.attention);
  const metadata: Record<string, unknown> = {
    productos: products,
    pedido: saved.order,
    modelo: answer.model,
    tiempos: { total_ms: totalMs(), modelo_ms: answer.modelMs, recuperacion_ms: retrievalMs },
    ...(answer.fallback ? { respaldo: answer.fallback } : {}),
  };
  return {
    chatId: input.chatId,
    reply: answer.text,
    intent: plan.intent,
    answerKind: plan.facts.kind,
    saleState,
    sale: plan.sale,
    suggestions: plan.suggestions,
    products,
    order: saved.order,
    metadata,
    botDisabled: false,
    replaced: answer.replaced,
    messages: saved.messages,
  };
}

/**
 * runChatTurn bounded by AGENT_TURN_TIMEOUT_MS: when the turn runs out of time the model is aborted and
 * the offline answer is used; only if the turn still does not finish shortly after is it a timeout_error.
 */
export async function runChatTurnWithTimeout(input: ChatTurnInput, hooks: TurnHooks = {}): Promise<ChatTurnResult> {
  const controller = new AbortController();
  const ms = env().AGENT_TURN_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await withTimeout(
      runChatTurn(input, { ...hooks, signal: controller.signal }),
      ms + 5_000,
      "La respuesta tardó demasiado. Intenta de nuevo.",
    );
  } finally {
    clearTimeout(timer);
  }
}
