import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// Small local servers speaking the providers' streamed wire formats, so the REAL @ai-sdk/google and
// @ai-sdk/openai-compatible clients parse real responses (function calls, split arguments, usage, and broken
// streams). Each request is answered by the test's script from the request body it received.
export type WireReply = { sse: string[]; status?: number; cutAfter?: number } | { status: number; json: unknown };

export type WireRequest = { path: string; body: Record<string, unknown>; raw: string };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startWireFake(script: (request: WireRequest, index: number) => WireReply) {
  const requests: WireRequest[] = [];
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const request = { path: req.url ?? "", body: JSON.parse(raw || "{}") as Record<string, unknown>, raw };
    requests.push(request);
    const reply = script(request, requests.length - 1);
    if ("json" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.json));
      return;
    }
    res.writeHead(reply.status ?? 200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    reply.sse.forEach((data, i) => {
      if (reply.cutAfter !== undefined && i >= reply.cutAfter) return;
      res.write(`data: ${data}\n\n`);
    });
    // A stream cut short: the connection drops without the end of the response.
    if (reply.cutAfter !== undefined) res.socket?.destroy();
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The first SKU of a tool result the client sent back to the model (the model "reads" its tool results). */
export function skuInResults(request: WireRequest): string | undefined {
  return /\\?"sku\\?":\\?"([A-Z]{2,5}-\d{3})/.exec(request.raw)?.[1];
}

// --- Gemini (generativelanguage v1beta, streamGenerateContent?alt=sse) ---
const geminiUsage = { promptTokenCount: 200, candidatesTokenCount: 20, totalTokenCount: 220 };

export const gemini = {
  functionCall: (name: string, args: Record<string, unknown>) => ({
    sse: [
      JSON.stringify({
        candidates: [{ content: { role: "model", parts: [{ functionCall: { name, args } }] }, finishReason: "STOP" }],
        usageMetadata: geminiUsage,
      }),
    ],
  }),
  text: (chunks: string[]) => ({
    sse: chunks.map((text, i) =>
      JSON.stringify({
        candidates: [
          {
            content: { role: "model", parts: [{ text }] },
            ...(i === chunks.length - 1 ? { finishReason: "STOP" } : {}),
          },
        ],
        ...(i === chunks.length - 1 ? { usageMetadata: geminiUsage } : {}),
      }),
    ),
  }),
  declaredTools: (request: WireRequest): string[] =>
    ((request.body.tools as { functionDeclarations?: { name: string }[] }[] | undefined) ?? []).flatMap((t) =>
      (t.functionDeclarations ?? []).map((d) => d.name),
    ),
};

// --- OpenAI-compatible (POST /chat/completions, stream: true) ---
const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: Record<string, number>) =>
  JSON.stringify({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1_764_000_000,
    model: "llama3.1",
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  });
const openAiUsage = { prompt_tokens: 300, completion_tokens: 25, total_tokens: 325 };

export const openAi = {
  /** A tool call whose JSON arguments arrive in pieces, as servers stream them. */
  toolCall: (name: string, argumentPieces: string[]) => ({
    sse: [
      chunk({
        role: "assistant",
        tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name, arguments: "" } }],
      }),
      ...argumentPieces.map((piece) => chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
      chunk({}, "tool_calls", openAiUsage),
      "[DONE]",
    ],
  }),
  text: (pieces: string[]) => ({
    sse: [
      chunk({ role: "assistant", content: "" }),
      ...pieces.map((content) => chunk({ content })),
      chunk({}, "stop", openAiUsage),
      "[DONE]",
    ],
  }),
  declaredTools: (request: WireRequest): string[] =>
    ((request.body.tools as { function: { name: string } }[] | undefined) ?? []).map((t) => t.function.name),
};
