import { db } from "@/lib/db/client";
import type { ListSort } from "@/lib/domain/list-sort";
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
  /** newest first unless the URL asks for the oldest */
  sort?: AuditSort;
};

export const AUDIT_SORTS = ["createdAt", "action"] as const;
export type AuditSort = ListSort<(typeof AUDIT_SORTS)[number]>;
export const DEFAULT_AUDIT_SORT: AuditSort = { key: "createdAt", desc: true };

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

function auditOrder(sort: AuditSort): Prisma.AuditLogOrderByWithRelationInput[] {
  const direction = sort.desc ? "desc" : "asc";
  // within one action the newest entries come first; ids break ties of one instant
  if (sort.key === "action") return [{ action: direction }, { createdAt: "desc" }, { id: "desc" }];
  return [{ createdAt: direction }, { id: direction }];
}

export async function listAuditEntries(f: AuditFilter) {
  const where = auditWhere(f);
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: auditOrder(f.sort ?? DEFAULT_AUDIT_SORT),
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
