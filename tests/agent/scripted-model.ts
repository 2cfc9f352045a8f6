import type { LanguageModelV3CallOptions, LanguageModelV3Prompt, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import type { ChatModel } from "@/lib/ai/providers";

// A scripted hosted model: for every call it sees this turn's customer text, the tools it was offered and the
// results of the calls it already made this turn (read back from the prompt, as a real model would), and
// answers with tool calls or text. Calls without tools are the wording step after an order is closed.
export type ToolOutcome = { tool: string; ok: boolean; value: Record<string, unknown> | string };
export type ScriptView = { text: string; tools: string[]; results: ToolOutcome[]; system: string };
export type ScriptAction = { calls: { tool: string; input: Record<string, unknown> }[] } | { text: string };
export type Script = (view: ScriptView) => ScriptAction;

const usage = {
  inputTokens: { total: 120, noCache: 120, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 30, text: 30, reasoning: undefined },
};

function userText(prompt: LanguageModelV3Prompt): { text: string; after: number } {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i];
    if (m?.role === "user") return { text: m.content.map((c) => (c.type === "text" ? c.text : "")).join(""), after: i };
  }
  return { text: "", after: -1 };
}

function resultsAfter(prompt: LanguageModelV3Prompt, index: number): ToolOutcome[] {
  const out: ToolOutcome[] = [];
  for (const m of prompt.slice(index + 1)) {
    if (m.role !== "tool") continue;
    for (const part of m.content) {
      if (part.type !== "tool-result") continue;
      const o = part.output;
      if (o.type === "json") {
        const value = o.value as Record<string, unknown>;
        out.push({ tool: part.toolName, ok: value?.ok !== false, value });
      } else out.push({ tool: part.toolName, ok: false, value: "value" in o ? String(o.value) : o.type });
    }
  }
  return out;
}

export function viewOf(options: LanguageModelV3CallOptions): ScriptView {
  const { text, after } = userText(options.prompt);
  const system = options.prompt.find((m) => m.role === "system");
  return {
    text,
    tools: (options.tools ?? []).map((t) => t.name),
    results: resultsAfter(options.prompt, after),
    system: system?.role === "system" ? system.content : "",
  };
}

function partsFor(action: ScriptAction, call: number): LanguageModelV3StreamPart[] {
  if ("text" in action) {
    const words = action.text.match(/\S+\s*/g) ?? [action.text];
    return [
      { type: "text-start", id: "t" },
      ...words.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
      { type: "text-end", id: "t" },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
    ];
  }
  return [
    ...action.calls.map(
      (c, i): LanguageModelV3StreamPart => ({
        type: "tool-call",
        toolCallId: `call-${call}-${i}`,
        toolName: c.tool,
        input: JSON.stringify(c.input),
      }),
    ),
    { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
  ];
}

export type ScriptedModel = ChatModel & { calls: ScriptView[] };

export function scriptedModel(script: Script, name = "gemini:scripted"): ScriptedModel {
  const calls: ScriptView[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      const view = viewOf(options);
      calls.push(view);
      return { stream: simulateReadableStream({ chunks: partsFor(script(view), calls.length) }) };
    },
  });
  return { kind: "gemini", name, model, multimodal: { image: false, audio: false }, calls };
}

export const cop = (n: number) => `$ ${n.toLocaleString("es-CO")}`;

/** The n-th successful result of a tool this turn. */
export function resultOf(view: ScriptView, tool: string): Record<string, unknown> | undefined {
  const found = view.results.find((r) => r.tool === tool && r.ok);
  return found && typeof found.value === "object" ? found.value : undefined;
}
