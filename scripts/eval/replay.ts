// Replays the customer messages stored by the previous system (its SQLite `mensajes` table), chat by chat and in
// their original order, through a runner: real phrasing nobody labelled. What is measured is how often the agent
// falls back to a generic menu instead of answering.

import Database from "better-sqlite3";
import type { Intent } from "@/lib/agent/types";
import type { EvalRunner } from "./score";

type StoredMessage = { chat_id: string; mensaje: string };

export type ReplayReport = {
  chats: number;
  messages: number;
  genericFallbacks: number;
  closedOrders: number;
  intents: Record<Intent, number>;
  fallbackSamples: string[];
  latencies: number[];
};

/** The previous system marked transcribed audio and image captions with a tag; the words are what was said. */
const MEDIA_TAG = /^\s*\[(AUDIO|IMAGEN|IMAGE)\]\s*/i;

export function readStoredCustomerMessages(file: string): Map<string, string[]> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = database
      .prepare("SELECT chat_id, mensaje FROM mensajes WHERE remitente = 'usuario' ORDER BY id")
      .all() as StoredMessage[];
    const chats = new Map<string, string[]>();
    for (const row of rows) {
      const text = row.mensaje.replace(MEDIA_TAG, "").trim();
      if (!text) continue;
      const list = chats.get(row.chat_id) ?? [];
      list.push(text);
      chats.set(row.chat_id, list);
    }
    return chats;
  } finally {
    database.close();
  }
}

export async function replay(runner: EvalRunner, chats: Map<string, string[]>): Promise<ReplayReport> {
  const report: ReplayReport = {
    chats: chats.size,
    messages: 0,
    genericFallbacks: 0,
    closedOrders: 0,
    intents: { inventario: 0, venta: 0, cliente: 0, contexto: 0 },
    fallbackSamples: [],
    latencies: [],
  };
  for (const messages of chats.values()) {
    const conversation = await runner.newConversation();
    for (const text of messages) {
      const started = performance.now();
      const turn = await conversation.send(text);
      report.latencies.push(performance.now() - started);
      report.messages++;
      report.intents[turn.intent]++;
      if (turn.orderClosed) report.closedOrders++;
      if (turn.genericFallback) {
        report.genericFallbacks++;
        if (!report.fallbackSamples.includes(text)) report.fallbackSamples.push(text);
      }
    }
  }
  return report;
}
