import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { type DbTransaction, db } from "@/lib/db/client";
import { writeLegacyCompany, writeLegacyConversations, writeLegacyGlobalBot } from "@/lib/db/legacy-import-chats";
import { legacyProductSku } from "@/lib/domain/legacy";
import { AppError } from "@/lib/errors";
import type {
  LegacyDataset,
  LegacyImportReport,
  MappedClient,
  MappedOrder,
  MappedProduct,
} from "@/lib/legacy-import/types";
import { foldText, productSearchText } from "@/lib/text";

// Writes a mapped legacy database in ONE transaction. Every entity is matched on a key the file gives
// (legacy product id, document number, order number, chat id, legacy message id), so a second run finds
// everything in place and writes nothing. A dry run does the same work and rolls it back.
class DryRun extends Error {
  constructor(readonly report: LegacyImportReport) {
    super("dry run");
  }
}

const counts = () => ({ created: 0, updated: 0, unchanged: 0 });

function emptyReport(dryRun: boolean, notes: string[], ignoredTables: LegacyImportReport["ignoredTables"]) {
  return {
    dryRun,
    changed: false,
    products: { ...counts(), deactivated: 0 },
    clients: counts(),
    orders: { ...counts(), skipped: 0 },
    conversations: counts(),
    messages: { created: 0, unchanged: 0 },
    botSwitches: counts(),
    companyVersions: counts(),
    notes: [...notes],
    ignoredTables,
  } satisfies LegacyImportReport;
}

export type ProductRef = { id: number; sku: string; name: string };

const PRODUCT_FIELDS = [
  "sku",
  "name",
  "description",
  "category",
  "price",
  "stock",
  "active",
  "legacyId",
  "skuInternal",
] as const;

function productData(p: MappedProduct) {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    category: p.category,
    price: p.price,
    stock: p.stock,
    active: p.active,
    legacyId: p.legacyId,
    skuInternal: true,
  };
}

/**
 * Which of our products each legacy product is: by legacy id, else by its SKU, else (a catalogue CSV import of
 * the same shop made products with generated SKUs) by name. A product of ours is claimed by one legacy product
 * only: when the file repeats a name, the active row, then the latest, takes it and the others are created.
 */
function matchProducts<
  Row extends { id: number; legacyId: number | null; sku: string; name: string; skuInternal: boolean },
>(products: MappedProduct[], rows: Row[]): Map<number, Row | undefined> {
  const byLegacy = new Map(rows.filter((p) => p.legacyId !== null).map((p) => [p.legacyId as number, p]));
  const bySku = new Map(rows.map((p) => [p.sku.toUpperCase(), p]));
  const byName = new Map<string, Row | null>();
  for (const p of rows) {
    if (p.legacyId !== null || !(p.skuInternal || p.sku.startsWith("IMP-"))) continue;
    const key = foldText(p.name);
    byName.set(key, byName.has(key) ? null : p);
  }
  const matches = new Map<number, Row | undefined>();
  const claimed = new Set<number>();
  for (const p of products) {
    const exact = byLegacy.get(p.legacyId) ?? bySku.get(p.sku);
    if (exact) claimed.add(exact.id);
    matches.set(p.legacyId, exact);
  }
  const byPreference = products
    .filter((p) => !matches.get(p.legacyId))
    .sort((a, b) => Number(b.active) - Number(a.active) || b.legacyId - a.legacyId);
  for (const p of byPreference) {
    const named = byName.get(foldText(p.name));
    if (!named || claimed.has(named.id)) continue;
    claimed.add(named.id);
    matches.set(p.legacyId, named);
  }
  return matches;
}

async function writeProducts(tx: DbTransaction, products: MappedProduct[], report: LegacyImportReport) {
  const rows = await tx.product.findMany({
    select: {
      id: true,
      brand: true,
      standard: true,
      synonyms: true,
      ...(Object.fromEntries(PRODUCT_FIELDS.map((f) => [f, true])) as Record<(typeof PRODUCT_FIELDS)[number], true>),
    },
  });
  const matches = matchProducts(products, rows);
  const refs = new Map<number, ProductRef>();
  const touched = new Set<number>();
  const toCreate: (ReturnType<typeof productData> & { searchText: string })[] = [];
  const movements: { productId: number; delta: number; stockAfter: number }[] = [];
  for (const p of products) {
    const current = matches.get(p.legacyId);
    if (current && current.legacyId !== null && current.legacyId !== p.legacyId) {
      throw new AppError("conflict", `El SKU ${p.sku} ya pertenece a otro producto; no se importó nada.`);
    }
    const data = productData(p);
    const searchText = productSearchText({
      ...data,
      brand: current?.brand ?? "",
      standard: current?.standard ?? null,
      synonyms: current?.synonyms ?? "",
    });
    if (!current) {
      toCreate.push({ ...data, searchText });
      report.products.created++;
      continue;
    }
    if (PRODUCT_FIELDS.some((f) => current[f] !== data[f])) {
      await tx.product.update({ where: { id: current.id }, data: { ...data, searchText } });
      report.products.updated++;
    } else report.products.unchanged++;
    const delta = p.stock - Number(current.stock);
    if (delta !== 0) movements.push({ productId: current.id, delta, stockAfter: p.stock });
    touched.add(current.id);
    refs.set(p.legacyId, { id: current.id, sku: p.sku, name: p.name });
  }
  // new rows in bulk (one statement per 500), then their ids by legacy id
  for (let i = 0; i < toCreate.length; i += 500) await tx.product.createMany({ data: toCreate.slice(i, i + 500) });
  const created = await tx.product.findMany({
    where: { legacyId: { in: toCreate.map((p) => p.legacyId) } },
    select: { id: true, legacyId: true, sku: true, name: true, stock: true },
  });
  for (const p of created) {
    touched.add(p.id);
    refs.set(p.legacyId as number, { id: p.id, sku: p.sku, name: p.name });
    if (p.stock !== 0) movements.push({ productId: p.id, delta: p.stock, stockAfter: p.stock });
  }
  const note = "Sistema anterior (app.db)";
  for (let i = 0; i < movements.length; i += 500) {
    await tx.stockMovement.createMany({
      data: movements.slice(i, i + 500).map((m) => ({ ...m, reason: "import", note })),
    });
  }
  // the shop's catalogue is the previous system's: products it did not have (the demo catalogue) stop selling
  const stale = rows.filter((p) => p.active && p.legacyId === null && !touched.has(p.id)).map((p) => p.id);
  for (let i = 0; i < stale.length; i += 500) {
    await tx.product.updateMany({ where: { id: { in: stale.slice(i, i + 500) } }, data: { active: false } });
  }
  report.products.deactivated = stale.length;
  return refs;
}

const clientKey = (c: { documentType: string; documentNumber: string }) => `${c.documentType}:${c.documentNumber}`;
const CLIENT_FIELDS = ["name", "phone", "email", "address", "neighborhood", "notes"] as const;

async function writeClients(tx: DbTransaction, clients: MappedClient[], report: LegacyImportReport) {
  const ids = new Map<string, number>();
  const unchanged = new Set<number>();
  for (const c of clients) {
    const where = { documentType_documentNumber: { documentType: c.documentType, documentNumber: c.documentNumber } };
    const current = await tx.client.findUnique({ where });
    const data = {
      name: c.name,
      phone: c.phone,
      email: c.email,
      address: c.address,
      neighborhood: c.neighborhood,
      notes: c.notes,
    };
    if (!current) {
      const created = await tx.client.create({
        data: {
          ...data,
          documentType: c.documentType,
          documentNumber: c.documentNumber,
          ...(c.createdAt ? { createdAt: c.createdAt } : {}),
        },
      });
      ids.set(clientKey(c), created.id);
      report.clients.created++;
      continue;
    }
    ids.set(clientKey(c), current.id);
    if (CLIENT_FIELDS.some((f) => current[f] !== data[f])) {
      await tx.client.update({ where: { id: current.id }, data });
      report.clients.updated++;
    } else {
      report.clients.unchanged++;
      unchanged.add(current.id);
    }
  }
  return { ids, unchanged };
}

async function writeOrders(
  tx: DbTransaction,
  orders: MappedOrder[],
  refs: { products: Map<number, ProductRef>; clients: Map<string, number>; conversations: Map<string, number> },
  report: LegacyImportReport,
) {
  for (const o of orders) {
    const current = await tx.order.findUnique({ where: { number: o.number }, select: { total: true, state: true } });
    if (current) {
      if (current.total === o.total && current.state === o.state) report.orders.unchanged++;
      else {
        report.orders.skipped++;
        report.notes.push(`Pedido ${o.number}: ya existe con otro estado o total; se dejó como está.`);
      }
      continue;
    }
    const closed = o.state === "cerrada";
    await tx.order.create({
      data: {
        number: o.number,
        conversationId: o.chatId ? (refs.conversations.get(o.chatId) ?? null) : null,
        clientId: o.client ? (refs.clients.get(clientKey(o.client)) ?? null) : null,
        state: o.state,
        channel: o.channel,
        total: o.total,
        customerName: o.customer.name,
        customerDocumentType: o.customer.documentType,
        customerDocument: o.customer.document,
        customerPhone: o.customer.phone,
        customerEmail: o.customer.email,
        customerAddress: o.customer.address,
        closedAt: closed ? o.createdAt : null,
        createdAt: o.createdAt,
        lines: {
          create: o.lines.map((l) => {
            const product = refs.products.get(l.legacyProductId);
            return {
              productId: product?.id ?? null,
              sku: product?.sku ?? legacyProductSku(l.legacyProductId),
              name: product?.name ?? l.name,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              subtotal: l.subtotal,
            };
          }),
        },
        history: {
          create: {
            fromState: null,
            toState: o.state,
            actorType: "system",
            note: `Importado del sistema anterior (ventas ${o.legacySaleIds.join(", ")})`,
            createdAt: o.createdAt,
          },
        },
      },
    });
    report.orders.created++;
  }
}

/** Purchase statistics from the client's closed orders (the previous system's counters were not reliable). */
async function recomputeClientStats(
  tx: DbTransaction,
  clients: { ids: Map<string, number>; unchanged: Set<number> },
  report: LegacyImportReport,
) {
  for (const id of new Set(clients.ids.values())) {
    const [agg, client] = await Promise.all([
      tx.order.aggregate({
        where: { clientId: id, state: "cerrada" },
        _count: { _all: true },
        _sum: { total: true },
        _min: { closedAt: true },
        _max: { closedAt: true },
      }),
      tx.client.findUniqueOrThrow({ where: { id } }),
    ]);
    const stats = {
      purchaseCount: agg._count._all,
      purchaseTotal: agg._sum.total ?? 0,
      firstPurchaseAt: agg._min.closedAt,
      lastPurchaseAt: agg._max.closedAt,
    };
    const same =
      client.purchaseCount === stats.purchaseCount &&
      client.purchaseTotal === stats.purchaseTotal &&
      client.firstPurchaseAt?.getTime() === stats.firstPurchaseAt?.getTime() &&
      client.lastPurchaseAt?.getTime() === stats.lastPurchaseAt?.getTime();
    if (same) continue;
    await tx.client.update({ where: { id }, data: stats });
    if (clients.unchanged.delete(id)) {
      report.clients.unchanged--;
      report.clients.updated++;
    }
  }
}

function chatClients(dataset: LegacyDataset, clients: Map<string, number>): Map<string, number> {
  const byChat = new Map<string, number>();
  for (const o of dataset.orders) {
    const id = o.client ? clients.get(clientKey(o.client)) : undefined;
    if (o.chatId && id !== undefined) byChat.set(o.chatId, id);
  }
  return byChat;
}

export async function writeLegacyDataset(
  dataset: LegacyDataset,
  options: { dryRun: boolean; principal: Principal | null; ignoredTables: LegacyImportReport["ignoredTables"] },
): Promise<LegacyImportReport> {
  try {
    return await db().$transaction(
      async (tx) => {
        const report: LegacyImportReport = emptyReport(options.dryRun, dataset.notes, options.ignoredTables);
        const products = await writeProducts(tx, dataset.products, report);
        const clients = await writeClients(tx, dataset.clients, report);
        const conversations = await writeLegacyConversations(
          tx,
          dataset.conversations,
          chatClients(dataset, clients.ids),
          report,
        );
        await writeOrders(tx, dataset.orders, { products, clients: clients.ids, conversations }, report);
        await recomputeClientStats(tx, clients, report);
        await writeLegacyGlobalBot(tx, dataset.globalBot, report);
        await writeLegacyCompany(tx, dataset.company, report);
        const {
          products: p,
          clients: c,
          orders: o,
          conversations: v,
          messages: m,
          botSwitches: b,
          companyVersions: k,
        } = report;
        report.changed =
          [p, c, o, v, b, k].some((e) => e.created + e.updated > 0) || p.deactivated > 0 || m.created > 0;
        if (options.dryRun) throw new DryRun(report);
        if (report.changed) {
          const { notes: _notes, ...summary } = report;
          await recordAudit(options.principal, { action: "legacy.import", entityType: "import", after: summary }, tx);
        }
        return report;
      },
      { timeout: 300_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}
