import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  from: Date | null;
  to: Date | null;
  page: number;
};

export function auditWhere(f: AuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (f.action) and.push({ action: { startsWith: f.action } });
  if (f.entityType) and.push({ entityType: f.entityType });
  if (f.entityId) and.push({ entityId: f.entityId });
  if (f.actor) and.push({ actorLabel: { contains: f.actor } });
  if (f.from) and.push({ createdAt: { gte: f.from } });
  if (f.to) and.push({ createdAt: { lt: f.to } });
  return and.length ? { AND: and } : {};
}

export async function listAuditEntries(f: AuditFilter) {
  const where = auditWhere(f);
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db().auditLog.count({ where }),
  ]);
  return { rows, total };
}

export async function listAuditFacets() {
  const [actions, entities] = await Promise.all([
    db().auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db().auditLog.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: entities.map((e) => e.entityType) };
}
