import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup";
import { resetEnvCache } from "@/lib/env";
import { type EvalRunner, formatReport, loadCases, runEvaluation } from "./eval-core";

// The agent evaluation through the REAL pipeline (lib/chat/pipeline.ts): a fresh, migrated and seeded
// SQLite database in a temp dir, every case in its own conversation, orders closed by closeOrder.
// Usage: npm run eval -- <messages.jsonl> [<dialogs.jsonl> …]
async function main() {
  const files = process.argv.slice(2).filter((a) => a !== "--");
  if (files.length === 0) throw new Error("uso: npm run eval -- <mensajes.jsonl> [<dialogos.jsonl>]");
  const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-eval-"));
  const url = `file:${path.join(dir, "eval.db")}`;
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "error";
  resetEnvCache();
  try {
    const setupStarted = performance.now();
    await setupDatabase(url);
    const db = createDb(url);
    // Imported after DATABASE_URL is set so every module sees the evaluation database.
    const { runChatTurn } = await import("@/lib/chat/pipeline");
    let counter = 0;
    const runner: EvalRunner = {
      newConversation() {
        const chatId = `eval-${process.pid}-${++counter}`;
        return {
          async send(text) {
            const result = await runChatTurn({ chatId, text, channel: "api", principal: null });
            return {
              intent: result.intent,
              shownSkus: result.products.map((p) => p.sku),
              sale: result.sale,
              answer: result.reply,
            };
          },
        };
      },
      async stockOf(sku) {
        return (await db.product.findUnique({ where: { sku }, select: { stock: true } }))?.stock;
      },
    };
    const { dev, dialogs } = loadCases(files.map((f) => path.resolve(f)));
    console.log(`database ready in ${Math.round(performance.now() - setupStarted)} ms (${url})`);
    const report = await runEvaluation(runner, dev, dialogs);
    console.log(`real pipeline (SQLite, offline model): ${dev.length} messages, ${dialogs.length} dialogs`);
    console.log(formatReport(report));
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
