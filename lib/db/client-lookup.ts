import type { ClientLookupRequest, ClientLookupResult } from "@/lib/agent/wording/facts";
import { db } from "@/lib/db/client";
import { formatDate } from "@/lib/format";
import { foldText } from "@/lib/text";

// Staff-only answers about a client (the pipeline calls this only for a staff principal). Finds the client
// by mobile, by document number (exact, with or without the NIT check digit) or by name (folded, all words present).
async function findClient(request: ClientLookupRequest) {
  if (request.phone)
    return db().client.findFirst({ where: { phone: request.phone }, orderBy: { lastPurchaseAt: "desc" } });
  if (request.documentNumber) {
    const digits = request.documentNumber.replace(/\D/g, "");
    const withoutCheck = request.documentNumber.split("-")[0]?.replace(/\D/g, "") ?? digits;
    return db().client.findFirst({
      where: { documentNumber: { in: [...new Set([request.documentNumber, digits, withoutCheck])] } },
    });
  }
  const words = foldText(request.name ?? "")
    .split(" ")
    .filter((w) => w.length > 1);
  if (words.length === 0) return null;
  // Names are few per word; filter the candidates in JS so accents and case never matter on either DB.
  const longest = [...words].sort((a, b) => b.length - a.length)[0] as string;
  const candidates = await db().client.findMany({ orderBy: { lastPurchaseAt: "desc" }, take: 2000 });
  return (
    candidates.find((c) => {
      const name = foldText(c.name);
      return name.includes(longest) && words.every((w) => name.includes(w));
    }) ?? null
  );
}

export async function lookupClient(request: ClientLookupRequest): Promise<ClientLookupResult> {
  const client = await findClient(request);
  if (!client) return { found: false };
  const orders = await db().order.findMany({
    where: { clientId: client.id, state: "cerrada" },
    orderBy: { closedAt: "desc" },
    include: { lines: true },
    take: 50,
  });
  const result: ClientLookupResult = {
    found: true,
    client: {
      name: client.name,
      documentType: client.documentType,
      documentNumber: client.documentNumber,
      ...(client.phone ? { phone: client.phone } : {}),
      ...(client.email ? { email: client.email } : {}),
      ...(client.city ? { city: client.city } : {}),
    },
  };
  if (request.scope === "history" || request.scope === "stats") {
    result.orders = orders.slice(0, 10).map((o) => ({
      id: o.number,
      date: formatDate(o.closedAt ?? o.createdAt),
      total: o.total,
      itemCount: o.lines.reduce((sum, l) => sum + l.quantity, 0),
    }));
  }
  if (request.scope === "stats") {
    const bySku = new Map<string, { sku: string; name: string; quantity: number }>();
    for (const line of orders.flatMap((o) => o.lines)) {
      const entry = bySku.get(line.sku) ?? { sku: line.sku, name: line.name, quantity: 0 };
      entry.quantity += line.quantity;
      bySku.set(line.sku, entry);
    }
    const last = orders[0];
    result.stats = {
      orderCount: orders.length,
      totalSpent: orders.reduce((sum, o) => sum + o.total, 0),
      ...(last ? { lastOrderDate: formatDate(last.closedAt ?? last.createdAt) } : {}),
      topProducts: [...bySku.values()].sort((a, b) => b.quantity - a.quantity).slice(0, 3),
    };
  }
  return result;
}
