import { conversationDisplayName } from "@/lib/console/conversation-name";
import { db } from "@/lib/db/client";

type Row = { actorId: number | null; entityType: string; entityId: string | null };

const key = (type: string, id: string) => `${type}:${id}`;
const ints = (ids: string[]) => ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);

/** Names for one page of audit rows: who (user name) and what (product, order number, customer, user). */
export async function auditLabels(
  rows: Row[],
): Promise<{ actors: Map<number, string>; entities: Map<string, string> }> {
  const of = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId as string)),
  ];
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
  const [actors, products, orders, conversations, users, clients] = await Promise.all([
    db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    db().product.findMany({ where: { id: { in: ints(of("product")) } }, select: { id: true, name: true } }),
    db().order.findMany({ where: { id: { in: ints(of("order")) } }, select: { id: true, number: true } }),
    db().conversation.findMany({
      where: { chatId: { in: of("conversation") } },
      select: {
        id: true,
        chatId: true,
        channel: true,
        customerName: true,
        client: { select: { name: true } },
        orders: { orderBy: { id: "desc" }, take: 1, select: { customerName: true, customerPhone: true } },
      },
    }),
    db().user.findMany({ where: { id: { in: ints(of("user")) } }, select: { id: true, name: true } }),
    db().client.findMany({ where: { id: { in: ints(of("client")) } }, select: { id: true, name: true } }),
  ]);
  const entities = new Map<string, string>();
  for (const p of products) entities.set(key("product", String(p.id)), p.name);
  for (const o of orders) entities.set(key("order", String(o.id)), o.number);
  for (const c of conversations) entities.set(key("conversation", c.chatId), conversationDisplayName(c));
  for (const u of users) entities.set(key("user", String(u.id)), u.name);
  for (const c of clients) entities.set(key("client", String(c.id)), c.name);
  return { actors: new Map(actors.map((a) => [a.id, a.name])), entities };
}

export function entityLabel(labels: Map<string, string>, row: Row): string | null {
  return row.entityId ? (labels.get(key(row.entityType, row.entityId)) ?? null) : null;
}
