import { describe, expect, it } from "vitest";
import { readChatStream } from "./stream";

// The shop's own reader of the UI message stream: progress lines, text deltas and the turn, in arrival order,
// whatever way the bytes are split.
function streamOf(text: string, pieces: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
}

describe("readChatStream", () => {
  it("hands progress, deltas and the turn to their handlers in order", async () => {
    const sse = [
      { type: "start" },
      { type: "data-progress", data: { label: "Buscando en el catálogo…" }, transient: true },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hola " },
      { type: "text-delta", id: "t", delta: "mundo" },
      { type: "data-turn", data: { reply: "Hola mundo" } },
    ]
      .map((c) => `data: ${JSON.stringify(c)}\n\n`)
      .join("");
    for (const pieces of [1, 7, 50]) {
      const seen: string[] = [];
      await readChatStream(streamOf(`${sse}data: [DONE]\n\n`, pieces), {
        onProgress: (label) => seen.push(`progress:${label}`),
        onText: (delta) => seen.push(`text:${delta}`),
        onTurn: (turn) => seen.push(`turn:${turn.reply}`),
        onError: (message) => seen.push(`error:${message}`),
      });
      expect(seen).toEqual(["progress:Buscando en el catálogo…", "text:Hola ", "text:mundo", "turn:Hola mundo"]);
    }
  });
});
