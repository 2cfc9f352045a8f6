import { planTurn, type TurnInput, type TurnPlan } from "@/lib/agent/planning/plan";
import type { Intent, Tone } from "@/lib/agent/types";
import { type HostedUnderstanding, understandHosted } from "@/lib/agent/understanding/hosted";
import { understandOffline } from "@/lib/agent/understanding/offline";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { AnswerFacts } from "@/lib/agent/wording/facts";
import { checkAnswer } from "@/lib/agent/wording/facts-check";
import { sanitizeInstructions } from "@/lib/agent/wording/prompts";
import { type ChatModel, offlineChatModel } from "@/lib/ai/providers";
import { lookupClient } from "@/lib/db/client-lookup";
import { tokensSpent } from "@/lib/db/token-usage";
import type { Env } from "@/lib/env";
import { log } from "@/lib/log";
import { type AnswerResult, answerTurn } from "./answer";

// Understanding and wording of one turn. With a hosted model (and AGENT_UNDERSTANDING=hosted, within the token
// budgets) the model understands through the typed tools and writes the answer in the same loop; the offline
// producer reads the message too. Otherwise the offline producer understands and the model only words the facts.
export type UnderstoodTurn = {
  plan: TurnPlan;
  hosted: HostedUnderstanding | null;
  /** The hosted model was configured but not used for this turn: a token budget is spent. */
  budget: null | "conversation" | "day";
  /** The model that words answers this turn (offline once a budget is spent). */
  wordingModel: ChatModel;
};

export type UnderstandOptions = {
  turn: TurnInput;
  chatModel: ChatModel;
  conversationId: number;
  config: Env;
  tone?: Tone;
  instructions?: string;
  signal?: AbortSignal;
  onDelta?: (delta: string, intentSoFar: Intent) => void;
  onTool?: (toolName: string) => void;
};

async function budgetSpent(conversationId: number, config: Env): Promise<UnderstoodTurn["budget"]> {
  const perConversation = config.AGENT_TOKEN_BUDGET_PER_CONVERSATION;
  const perDay = config.AGENT_TOKEN_BUDGET_PER_DAY;
  if (perConversation === 0 && perDay === 0) return null;
  const spent = await tokensSpent(conversationId);
  if (perConversation > 0 && spent.conversation >= perConversation) return "conversation";
  if (perDay > 0 && spent.day >= perDay) return "day";
  return null;
}

export async function understandTurn(options: UnderstandOptions): Promise<UnderstoodTurn> {
  const { turn, chatModel, config } = options;
  const offline = understandOffline(turn.text, {
    history: turn.history,
    sale: turn.sale,
    catalog: turn.catalog,
    isStaff: turn.isStaff,
  });
  if (chatModel.kind === "offline")
    return { plan: planTurn(turn, offline), hosted: null, budget: null, wordingModel: chatModel };
  const budget = await budgetSpent(options.conversationId, config);
  if (budget) {
    log.info("token budget spent, the offline path answers", { conversationId: options.conversationId, budget });
    return { plan: planTurn(turn, offline), hosted: null, budget, wordingModel: offlineChatModel() };
  }
  if (config.AGENT_UNDERSTANDING === "offline")
    return { plan: planTurn(turn, offline), hosted: null, budget: null, wordingModel: chatModel };
  const hosted = await understandHosted({
    model: chatModel.model,
    text: turn.text,
    history: turn.history,
    sale: turn.sale,
    catalog: turn.catalog,
    company: turn.company,
    isStaff: turn.isStaff,
    offline,
    ...(turn.isStaff ? { lookupClient } : {}),
    maxSteps: config.AGENT_MAX_TOOL_STEPS,
    timeoutMs: config.AGENT_MODEL_TIMEOUT_MS,
    tone: options.tone,
    instructions: options.instructions,
    signal: options.signal,
    onDelta: options.onDelta,
    onTool: options.onTool,
  });
  if (hosted.failure)
    log.warn("hosted understanding failed, the offline producer plans the turn", {
      failure: hosted.failure,
      steps: hosted.steps,
    });
  const plan = hosted.failure ? planTurn(turn, offline) : planTurn(turn, hosted);
  return { plan, hosted, budget: null, wordingModel: chatModel };
}

export type WordingOptions = {
  understood: UnderstoodTurn;
  plan: TurnPlan;
  chatModel: ChatModel;
  history: TurnInput["history"];
  text: string;
  companyText: string;
  tone?: Tone;
  instructions?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onDelta?: (delta: string) => void;
};

const addUsage = (a: AnswerResult["usage"], b: AnswerResult["usage"]) =>
  a || b
    ? {
        inputTokens: (a?.inputTokens ?? 0) + (b?.inputTokens ?? 0),
        outputTokens: (a?.outputTokens ?? 0) + (b?.outputTokens ?? 0),
      }
    : null;

/**
 * The answer of a turn. A hosted loop's own text is kept when it states only what the tools returned or the facts
 * hold; otherwise (or when the order was just closed, or the model failed) the facts are worded again.
 */
export async function wordTurn(options: WordingOptions): Promise<AnswerResult> {
  const { understood, plan } = options;
  const hosted = understood.hosted;
  const closes = plan.effects.some((e) => e.type === "close_order") || (hosted?.closing ?? false);
  if (hosted && !hosted.failure && !closes && hosted.text.trim() !== "") {
    // The tool results are facts the loop's text may repeat, beside the plan's own.
    const known = { ...plan.facts, herramientas: hosted.results } as unknown as AnswerFacts;
    const problems = checkAnswer(hosted.text, known, options.companyText);
    const base = { model: options.chatModel.name, modelMs: hosted.modelMs, usage: hosted.usage };
    if (problems.length === 0) return { ...base, text: hosted.text, fallback: null, problems, replaced: false };
    log.warn("hosted answer stated facts no tool returned, using the offline answer", { problems });
    const text = composeAnswer(plan.facts, {
      tone: options.tone,
      instructions: sanitizeInstructions(options.instructions),
    });
    if (!hosted.deltasSent) options.onDelta?.(text);
    return {
      ...base,
      text,
      model: `offline (respaldo de ${options.chatModel.name})`,
      fallback: "unverified_facts",
      problems,
      replaced: hosted.deltasSent,
    };
  }
  const fallback = hosted ? (hosted.failure ?? (closes ? null : "empty")) : null;
  const answer = await answerTurn({
    chatModel: fallback ? offlineChatModel() : understood.wordingModel,
    facts: plan.facts,
    history: options.history,
    text: options.text,
    tone: options.tone,
    instructions: options.instructions,
    companyText: options.companyText,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onDelta: hosted?.deltasSent ? undefined : options.onDelta,
  });
  if (!hosted) return answer;
  return {
    ...answer,
    ...(fallback ? { fallback, model: `offline (respaldo de ${options.chatModel.name})` } : {}),
    modelMs: answer.modelMs + hosted.modelMs,
    usage: addUsage(answer.usage, hosted.usage),
    replaced: answer.replaced || hosted.deltasSent,
  };
}
