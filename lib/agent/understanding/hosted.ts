// The hosted producer of the understanding value: the model reads the message through typed tools (lib/agent/
// tools) in a bounded loop; the calls the tools accepted become the same contract value the offline producer
// gives, and planning applies it exactly as it would the offline one. The offline reading of the same message is
// passed in: confirm_order needs it, and the disagreements between the two are reported for review.

import {
  InvalidToolInputError,
  type LanguageModel,
  type ModelMessage,
  NoSuchToolError,
  stepCountIs,
  streamText,
} from "ai";
import type { SaleEvent } from "@/lib/sales/types";
import type { CompanySections } from "../retrieval/company";
import { agentTools } from "../tools";
import { createToolSession, type ToolSession, type ToolSessionInput } from "../tools/session";
import type { CatalogProduct, HistoryTurn, Intent, Tone } from "../types";
import { type ProductReference, type Understanding, understandingSchema } from "./contract";
import { hostedSystemPrompt } from "./hosted-prompt";
import type { OfflineUnderstanding } from "./offline";

export type HostedRequest = Omit<ToolSessionInput, "offline" | "company"> & {
  model: LanguageModel;
  text: string;
  company: CompanySections;
  offline: OfflineUnderstanding;
  maxSteps: number;
  timeoutMs: number;
  tone?: Tone;
  instructions?: string;
  signal?: AbortSignal;
  /** `intentSoFar`: what the accepted tool calls make the message so far (legacy clients get it before the text). */
  onDelta?: (delta: string, intentSoFar: Intent) => void;
  onTool?: (toolName: string) => void;
};

export type Disagreement = {
  intent?: { offline: Intent; hosted: Intent };
  events?: { offline: string[]; hosted: string[] };
};

export type HostedUnderstanding = OfflineUnderstanding & {
  /** Everything the model wrote to the customer (streamed as it came, unless held back after a confirmation). */
  text: string;
  deltasSent: boolean;
  /** confirm_order was accepted: the answer is worded after the order is saved, from the final facts. */
  closing: boolean;
  failure: null | "error" | "timeout";
  usage: { inputTokens: number; outputTokens: number };
  modelMs: number;
  steps: number;
  results: ToolSession["results"];
  toolsUsed: string[];
  refusals: ToolSession["refusals"];
  disagreement: Disagreement | null;
};

const SALE_TOOLS = new Set([
  "add_item",
  "set_quantity",
  "remove_item",
  "replace_item",
  "set_customer_data",
  "finish_cart",
  "request_confirmation",
  "confirm_order",
  "cancel_order",
]);

function intentOf(session: ToolSession, offline: Understanding): Intent {
  if (session.events.length > 0 || session.toolsUsed.some((t) => SALE_TOOLS.has(t))) return "venta";
  if (session.clientLookup) return "cliente";
  if (session.toolsUsed.some((t) => t === "search_catalog" || t === "get_product")) return "inventario";
  if (session.companyTopics.length > 0 || session.handover) return "contexto";
  return offline.intent;
}

function referencesOf(session: ToolSession): ProductReference[] {
  return session.events.flatMap((e): ProductReference[] => {
    const sku = e.type === "add" || e.type === "set_quantity" ? e.sku : e.type === "replace" ? e.by : null;
    if (!sku) return [];
    return [
      {
        words: session.catalog.bySku(sku)?.name ?? sku,
        attributes: [],
        quantity: e.type === "add" ? e.quantity : null,
        packaging: null,
        candidates: [{ sku, score: 1 }],
        resolution: "resolved",
        sku,
        nearest: [],
      },
    ];
  });
}

/** "add:CAB-001:2"-style signatures; "start" is bookkeeping, not something the customer said. */
export function eventSignature(events: readonly SaleEvent[]): string[] {
  return events
    .filter((e) => e.type !== "start")
    .map((e) => {
      if (e.type === "add" || e.type === "set_quantity") return `${e.type}:${e.sku}:${e.quantity}`;
      if (e.type === "remove") return `remove:${e.sku}`;
      if (e.type === "replace") return `replace:${e.sku}:${e.by}`;
      if (e.type === "customer_data") return `customer_data:${Object.keys(e.data).sort().join(",")}`;
      return e.type;
    });
}

export function compareUnderstandings(offline: Understanding, hosted: Understanding): Disagreement | null {
  const result: Disagreement = {};
  if (offline.intent !== hosted.intent) result.intent = { offline: offline.intent, hosted: hosted.intent };
  const a = eventSignature(offline.events);
  const b = eventSignature(hosted.events);
  if (a.join("|") !== b.join("|")) result.events = { offline: a, hosted: b };
  return result.intent || result.events ? result : null;
}

function understandingOf(session: ToolSession, offline: Understanding, text: string): Understanding {
  const customer = Object.assign(
    {},
    ...session.events.flatMap((e) => (e.type === "customer_data" ? [e.data] : [])),
  ) as Understanding["customer"];
  const pending = session.sale?.pending?.kind;
  const confirmed = session.events.some((e) => e.type === "confirm");
  return {
    producer: "hosted",
    intent: intentOf(session, offline),
    confidence: session.refusals.length > 0 ? 0.7 : 0.9,
    // Without a tool call the model answered from the conversation alone: whether the message said anything the
    // agent understands is the offline reading's call (two misses in a row still hand over to a person).
    understood: session.toolsUsed.length > 0 || (offline.understood && text.trim() !== ""),
    references: referencesOf(session),
    events: session.events,
    answers: confirmed
      ? "confirm_order"
      : pending === "customer_data" && Object.keys(customer).length > 0
        ? "customer_data"
        : null,
    customer,
    requests: {
      ...offline.requests,
      handover: session.handover,
      showCart: false,
      catalogue: false,
      sort: session.sort,
      companyTopics: session.companyTopics,
      clientLookup: session.clientLookup,
    },
    search: session.search,
  };
}

function messagesOf(history: readonly HistoryTurn[], text: string): ModelMessage[] {
  return [...history.map((t): ModelMessage => ({ role: t.role, content: t.text })), { role: "user", content: text }];
}

/**
 * Why the SDK turned a call down before (or while) running it: an unknown tool, a bad input, or the tool threw.
 * In the stream the SDK hands over invalid calls' errors as their message text, so both forms are read.
 */
function toolErrorCode(error: unknown): string {
  const message = typeof error === "string" ? error : error instanceof Error ? error.message : "";
  if (NoSuchToolError.isInstance(error) || message.startsWith("Model tried to call unavailable tool"))
    return "herramienta_no_disponible";
  if (InvalidToolInputError.isInstance(error) || message.startsWith("Invalid input for tool"))
    return "entrada_invalida";
  return "error_de_herramienta";
}

export async function understandHosted(request: HostedRequest): Promise<HostedUnderstanding> {
  const session = createToolSession({ ...request, offline: request.offline.understanding });
  const started = performance.now();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let text = "";
  let deltasSent = false;
  let steps = 0;
  let failure: HostedUnderstanding["failure"] = null;
  const usage = { inputTokens: 0, outputTokens: 0 };
  const closing = () => session.events.some((e) => e.type === "confirm");
  const tools = agentTools(session);
  try {
    const result = streamText({
      model: request.model,
      system: hostedSystemPrompt({
        companyName: request.company.name,
        sale: request.sale,
        tone: request.tone,
        instructions: request.instructions,
      }),
      messages: messagesOf(request.history, request.text),
      tools,
      stopWhen: stepCountIs(request.maxSteps),
      abortSignal: signal,
      maxRetries: 0,
      temperature: 0.2,
      // Errors arrive as stream parts and end in the offline answer; the SDK's default would print them.
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        text += part.text;
        // After an accepted confirmation the answer waits for the database (the order number, or a conflict).
        if (!closing()) {
          deltasSent = true;
          request.onDelta?.(part.text, intentOf(session, request.offline.understanding));
        }
      } else if (part.type === "tool-call") request.onTool?.(part.toolName);
      else if (part.type === "tool-error") {
        session.refusals.push({ tool: part.toolName, code: toolErrorCode(part.error) });
      } else if (part.type === "finish-step") steps++;
      else if (part.type === "finish") {
        usage.inputTokens = part.totalUsage.inputTokens ?? 0;
        usage.outputTokens = part.totalUsage.outputTokens ?? 0;
      } else if (part.type === "error") throw part.error;
      else if (part.type === "abort") throw new Error("aborted");
    }
  } catch {
    failure = timeout.aborted ? "timeout" : "error";
  }
  const understanding = understandingOf(session, request.offline.understanding, text);
  // The same contract as the offline producer's, checked the same way (a failure is a bug: plan offline).
  if (!failure && !understandingSchema.safeParse(understanding).success) failure = "error";
  return {
    understanding,
    mentioned: session.mentioned as CatalogProduct[],
    text,
    deltasSent,
    closing: closing(),
    failure,
    usage,
    modelMs: Math.round(performance.now() - started),
    steps,
    results: session.results,
    toolsUsed: session.toolsUsed,
    refusals: session.refusals,
    disagreement: compareUnderstandings(request.offline.understanding, understanding),
  };
}
