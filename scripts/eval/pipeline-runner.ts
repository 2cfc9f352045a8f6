// Runs evaluation turns through the REAL chat pipeline (lib/chat/pipeline.ts) on a fresh, migrated SQLite database:
// the chosen catalogue goes in through the same CSV import the console uses, the company text through the same
// versioned save, every case gets its own conversation, and orders are closed by closeOrder.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { saveCompanyInfo } from "@/lib/db/company";
import { setupDatabase } from "@/lib/db/setup";
import { resetEnvCache } from "@/lib/env";
import { applyProductImport, parseProductImport } from "@/lib/imports";
import type { EvalRunner, TurnObservation } from "./score";

export type CatalogChoice = { name: string; productsCsv: string; companyMarkdown: string };

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `demo` (the seed), `real` (the shop's catalogue in eval/catalogs/real) or a path to a catalogue CSV. */
export function catalogChoice(name: string, companyPath?: string): CatalogChoice {
  const known: Record<string, [string, string]> = {
    demo: ["prisma/seed-data/productos.csv", "prisma/seed-data/empresa.md"],
    real: ["eval/catalogs/real/productos.csv", "eval/catalogs/real/empresa.md"],
  };
  const [csv, company] = known[name] ?? [path.resolve(name), companyPath ?? known.demo?.[1]];
  return {
    name,
    productsCsv: path.resolve(ROOT, csv as string),
    companyMarkdown: path.resolve(ROOT, companyPath ?? (company as string)),
  };
}

/** Answer kinds that show the generic menu instead of an answer to what was asked. */
const GENERIC_KINDS = new Set(["fallback", "no_results"]);

export type PipelineEvaluation = {
  runner: EvalRunner;
  skuByName: (name: string) => string | undefined;
  /** How often the hosted and the offline producers agreed on the customer messages stored after `afterId`. */
  agreement: (afterId?: number) => Promise<Agreement>;
  lastMessageId: () => Promise<number>;
  close: () => Promise<void>;
};

export type Agreement = { hosted: number; intent: number; events: number };

/** Which model answers: `offline` pins the offline model whatever keys are set; undefined = the configured one. */
export type EvaluationOptions = { llm?: "offline" };

async function loadCatalog(db: Db, choice: CatalogChoice): Promise<void> {
  if (choice.name === "demo") return; // the seed already holds it
  const parsed = parseProductImport(readFileSync(choice.productsCsv, "utf8"));
  if (parsed.errors.length > 0)
    throw new Error(`el catálogo ${choice.productsCsv} no se pudo importar: ${JSON.stringify(parsed.errors[0])}`);
  await applyProductImport(parsed.rows, null, { mode: "replace", fileName: path.basename(choice.productsCsv) });
  await saveCompanyInfo(readFileSync(choice.companyMarkdown, "utf8"), null);
  const active = await db.product.count({ where: { active: true } });
  if (active !== parsed.rows.length)
    throw new Error(`se esperaban ${parsed.rows.length} productos activos, hay ${active}`);
}

export async function startPipelineEvaluation(
  choice: CatalogChoice,
  options: EvaluationOptions = {},
): Promise<PipelineEvaluation> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-eval-"));
  const url = `file:${path.join(dir, "eval.db")}`;
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "error";
  resetEnvCache();
  await setupDatabase(url);
  const db = createDb(url);
  await loadCatalog(db, choice);
  const names = new Map(
    (await db.product.findMany({ where: { active: true }, select: { sku: true, name: true } })).map((p) => [
      p.name,
      p.sku,
    ]),
  );
  const initialStock = new Map(
    (await db.product.findMany({ select: { id: true, stock: true } })).map((p) => [p.id, p.stock]),
  );
  // Imported only now, so every module reads the evaluation database.
  const { runChatTurn } = await import("@/lib/chat/pipeline");
  const { invalidateCatalog } = await import("@/lib/chat/knowledge");
  let counter = 0;

  const runner: EvalRunner = {
    async newConversation() {
      const chatId = `eval-${process.pid}-${++counter}`;
      let closed = false;
      return {
        async send(text): Promise<TurnObservation> {
          const result = await runChatTurn({ chatId, text, channel: "api", principal: null, llm: options.llm });
          const nowClosed = result.sale?.state === "cerrada";
          const observation: TurnObservation = {
            intent: result.intent,
            shownSkus: result.products.map((p) => p.sku),
            sale: result.sale,
            answer: result.reply,
            genericFallback: GENERIC_KINDS.has(result.answerKind),
            orderClosed: nowClosed && !closed,
          };
          closed = nowClosed;
          return observation;
        },
        async handedOver() {
          const conversation = await db.conversation.findUnique({
            where: { chatId },
            select: { attentionSince: true },
          });
          return !!conversation?.attentionSince;
        },
      };
    },
    async stockOf(sku) {
      return (await db.product.findUnique({ where: { sku }, select: { stock: true } }))?.stock;
    },
    async restoreStock() {
      const current = await db.product.findMany({ select: { id: true, stock: true } });
      const changed = current.filter((p) => initialStock.get(p.id) !== p.stock);
      for (const p of changed)
        await db.product.update({ where: { id: p.id }, data: { stock: initialStock.get(p.id) } });
      if (changed.length > 0) invalidateCatalog();
    },
  };
  return {
    runner,
    skuByName: (name) => names.get(name),
    async lastMessageId() {
      return (await db.message.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    },
    async agreement(afterId = 0) {
      const rows = await db.message.findMany({
        where: { role: "customer", id: { gt: afterId } },
        select: { metadata: true },
      });
      const readings = rows.map(
        (r) => (JSON.parse(r.metadata) as { entendimiento?: Record<string, unknown> }).entendimiento,
      );
      const hosted = readings.filter((u) => u?.productor === "hosted");
      const differ = (key: string) =>
        hosted.filter((u) => (u?.desacuerdo as Record<string, unknown> | undefined)?.[key] !== undefined).length;
      return {
        hosted: hosted.length,
        intent: hosted.length - differ("intent"),
        events: hosted.length - differ("events"),
      };
    },
    close: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
