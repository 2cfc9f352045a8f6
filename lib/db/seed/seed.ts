import { readFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { parseCatalogCsv } from "@/lib/catalog/catalog-csv";
import type { Db } from "@/lib/db/client";
import { productSearchText } from "@/lib/text";
import { SEED_CLIENTS, SEED_CONVERSATIONS, SEED_ORDERS } from "./history";

export const SEED_DIR = path.join(process.cwd(), "prisma", "seed-data");

export type SeedPasswords = { admin: string; ventas: string; gerente: string };

export const STAFF_ACCOUNTS = [
  { email: "admin@sextinvalle.example", name: "Administración", role: "admin" },
  { email: "ventas@sextinvalle.example", name: "Equipo de ventas", role: "ventas" },
  { email: "gerente@sextinvalle.example", name: "Gerencia", role: "gerente" },
] as const;

const DAY_MS = 86_400_000;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [products, users] = await Promise.all([db.product.count(), db.user.count()]);
  return products === 0 && users === 0;
}

export async function seedDatabase(db: Db, passwords: SeedPasswords, now = new Date()): Promise<void> {
  const products = parseCatalogCsv(readFileSync(path.join(SEED_DIR, "productos.csv"), "utf8"));
  await db.product.createMany({
    data: products.map((p) => ({ ...p, searchText: productSearchText(p) })),
  });
  await db.companyInfo.create({
    data: { version: 1, content: readFileSync(path.join(SEED_DIR, "empresa.md"), "utf8") },
  });
  for (const account of STAFF_ACCOUNTS) {
    await db.user.create({
      data: { ...account, passwordHash: await hashPassword(passwords[account.role]) },
    });
  }
  await seedHistory(db, now);
}

async function seedHistory(db: Db, now: Date): Promise<void> {
  const at = (daysAgo: number, minutes = 0) => new Date(now.getTime() - daysAgo * DAY_MS + minutes * 60_000);
  const bySku = new Map((await db.product.findMany()).map((p) => [p.sku, p]));
  const clientIds = new Map<string, number>();
  for (const c of SEED_CLIENTS) {
    const client = await db.client.create({ data: { ...c, email: c.email ?? undefined } });
    clientIds.set(c.documentNumber, client.id);
  }

  const conversationIds = new Map<string, number>();
  for (const conv of SEED_CONVERSATIONS) {
    const start = at(conv.daysAgo);
    const last = conv.turns.at(-1);
    const created = await db.conversation.create({
      data: {
        chatId: conv.chatId,
        channel: conv.channel,
        clientId: conv.client ? clientIds.get(conv.client) : undefined,
        createdAt: start,
        lastMessageAt: at(conv.daysAgo, conv.turns.length),
        lastMessagePreview: last?.text.slice(0, 140),
        lastIntent: last?.intent,
        messageCount: conv.turns.length,
        messages: {
          create: conv.turns.map((t, i) => ({
            role: t.role,
            text: t.text,
            intent: t.intent,
            createdAt: at(conv.daysAgo, i),
            ...(t.role === "assistant"
              ? { model: "offline", totalMs: 40 + i * 7, modelMs: 12 + i, retrievalMs: 3 }
              : {}),
          })),
        },
      },
    });
    if (conv.client) conversationIds.set(conv.client, created.id);
  }

  for (const [index, order] of SEED_ORDERS.entries()) {
    const lines = order.lines.map((l) => {
      const product = bySku.get(l.sku);
      if (!product) throw new Error(`seed order references unknown SKU ${l.sku}`);
      return {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity: l.quantity,
        unitPrice: product.price,
        subtotal: product.price * l.quantity,
      };
    });
    const total = lines.reduce((sum, l) => sum + l.subtotal, 0);
    const client = SEED_CLIENTS.find((c) => c.documentNumber === order.client);
    const closedAt = at(order.daysAgo, 30);
    await db.order.create({
      data: {
        number: `SV-${String(index + 1).padStart(6, "0")}`,
        clientId: clientIds.get(order.client),
        conversationId: index === 0 ? conversationIds.get(order.client) : undefined,
        state: "cerrada",
        channel: order.channel,
        total,
        customerName: client?.name,
        customerDocumentType: client?.documentType,
        customerDocument: client?.documentNumber,
        customerPhone: client?.phone,
        customerAddress: client?.address,
        customerCity: client?.city,
        createdAt: at(order.daysAgo),
        closedAt,
        lines: { create: lines },
        history: {
          create: [
            { fromState: null, toState: "iniciada", actorType: "bot", createdAt: at(order.daysAgo) },
            { fromState: "listo_para_finalizar", toState: "cerrada", actorType: "bot", createdAt: closedAt },
          ],
        },
      },
    });
    const clientId = clientIds.get(order.client);
    if (clientId) {
      const current = await db.client.findUniqueOrThrow({ where: { id: clientId } });
      await db.client.update({
        where: { id: clientId },
        data: {
          firstPurchaseAt: current.firstPurchaseAt ?? closedAt,
          lastPurchaseAt: closedAt,
          purchaseCount: { increment: 1 },
          purchaseTotal: { increment: total },
        },
      });
    }
  }
}
