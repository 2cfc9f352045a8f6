import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db, isSqlite } from "@/lib/db/client";
import { CLIENT_SEARCH, searchIds } from "@/lib/db/search";
import type { ListSort } from "@/lib/domain/list-sort";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const CLIENTS_PAGE_SIZE = 25;

/** Case-insensitive `contains` on both flavours (SQLite's LIKE already ignores ASCII case). */
export function containsInsensitive(term: string): Prisma.StringFilter {
  return (isSqlite() ? { contains: term } : { contains: term, mode: "insensitive" }) as Prisma.StringFilter;
}

/** Name or email contains the text, or document or phone contains its digits (3 or more); through the index. */
export async function clientWhere(q: string): Promise<Prisma.ClientWhereInput> {
  const term = q.trim();
  if (!term) return {};
  const digits = term.replace(/\D/g, "");
  const ids = await searchIds(CLIENT_SEARCH, term, digits.length >= 3 ? digits : null);
  if (ids) return { id: { in: ids } };
  return {
    OR: [
      { name: containsInsensitive(term) },
      { email: containsInsensitive(term) },
      ...(digits.length >= 3 ? [{ documentNumber: { contains: digits } }, { phone: { contains: digits } }] : []),
    ],
  };
}

/** What the clients list may be sorted by (the URL's `sort` is checked against this list). */
export const CLIENT_SORTS = ["name", "purchaseCount", "purchaseTotal", "lastPurchaseAt"] as const;
export type ClientSort = ListSort<(typeof CLIENT_SORTS)[number]>;
export const DEFAULT_CLIENT_SORT: ClientSort = { key: "lastPurchaseAt", desc: true };

function clientOrder(sort: ClientSort): Prisma.ClientOrderByWithRelationInput[] {
  const direction = sort.desc ? "desc" : "asc";
  // clients who never bought sort after the buyers either way: the list is about customers
  const first =
    sort.key === "lastPurchaseAt" ? { lastPurchaseAt: { sort: direction, nulls: "last" } } : { [sort.key]: direction };
  return [first as Prisma.ClientOrderByWithRelationInput, { id: direction }];
}

export async function listClients(q: string, page: number, sort: ClientSort = DEFAULT_CLIENT_SORT) {
  const where = await clientWhere(q);
  const [rows, total] = await Promise.all([
    db().client.findMany({
      where,
      orderBy: clientOrder(sort),
      skip: (page - 1) * CLIENTS_PAGE_SIZE,
      take: CLIENTS_PAGE_SIZE,
    }),
    db().client.count({ where }),
  ]);
  return { rows, total };
}

export function getClientDetail(id: number) {
  return db().client.findUnique({
    where: { id },
    include: {
      orders: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: { id: true, number: true, state: true, total: true, channel: true, createdAt: true },
      },
      conversations: {
        orderBy: { lastMessageAt: "desc" },
        take: 50,
        select: { chatId: true, channel: true, lastMessageAt: true, lastMessagePreview: true, messageCount: true },
      },
    },
  });
}

export type ClientContact = {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
  neighborhood: string | null;
  notes: string | null;
};

export async function updateClientContact(id: number, contact: ClientContact, principal: Principal) {
  const before = await db().client.findUnique({ where: { id } });
  if (!before) throw new AppError("not_found", "El cliente no existe.");
  return db().$transaction(async (tx) => {
    const after = await tx.client.update({ where: { id }, data: contact });
    const pick = (c: typeof before) => ({
      name: c.name,
      phone: c.phone,
      email: c.email,
      address: c.address,
      city: c.city,
      neighborhood: c.neighborhood,
      notes: c.notes,
    });
    await recordAudit(
      principal,
      { action: "client.update", entityType: "client", entityId: id, before: pick(before), after: pick(after) },
      tx,
    );
    return after;
  });
}
