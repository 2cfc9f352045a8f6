import { describe, expect, it } from "vitest";
import { legacyHistoryEntry } from "@/lib/chat/legacy";
import { type HistoryEntry, toChatItems } from "./history";

// The page restores what /chat/historial writes: every sender of that vocabulary maps to its bubble.
describe("restoring a chat from its history", () => {
  it("shows each stored role as its own kind of bubble", () => {
    const at = new Date("2026-11-25T15:00:00Z");
    const stored = [
      { id: 1, role: "customer", text: "hola", intent: "contexto", saleState: null, metadata: {}, createdAt: at },
      { id: 2, role: "assistant", text: "¡Hola!", intent: "contexto", saleState: null, metadata: {}, createdAt: at },
      { id: 3, role: "staff", text: "Soy Ana", intent: null, saleState: null, metadata: {}, createdAt: at },
      { id: 4, role: "system", text: "Te atiende Ana", intent: null, saleState: null, metadata: {}, createdAt: at },
    ];
    const entries = stored.map((m) => legacyHistoryEntry(m) as unknown as HistoryEntry);
    const items = toChatItems("chat-1", entries);
    expect(items.map((i) => i.kind)).toEqual(["user", "bot", "staff", "notice"]);
    expect(items[1]?.turn?.reply).toBe("¡Hola!");
  });
});
