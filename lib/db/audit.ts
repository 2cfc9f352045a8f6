import { type Principal, principalLabel } from "@/lib/auth/principal";
import { type DbTransaction, db } from "@/lib/db/client";

export type AuditEntry = {
  action: string; // e.g. product.update, stock.adjust, order.cancel, conversation.takeover
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
};

const asJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Records a staff write. Pass the transaction of the write so the entry commits (or not) with it. */
export async function recordAudit(actor: Principal | null, entry: AuditEntry, tx?: DbTransaction): Promise<void> {
  const client = tx ?? db();
  await client.auditLog.create({
    data: {
      actorType: actor ? (actor.kind === "user" ? "user" : "apikey") : "system",
      actorId: actor?.kind === "user" ? actor.id : null,
      actorLabel: actor ? principalLabel(actor) : "sistema",
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: asJson(entry.before),
      after: asJson(entry.after),
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
    },
  });
}
