import { generateApiKey } from "@/lib/auth/api-keys";
import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import type { ListSort } from "@/lib/domain/list-sort";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

export const API_KEYS_PAGE_SIZE = 50;
/** What the keys list may be sorted by; by default live keys first, newest first. */
export const API_KEY_SORTS = ["name", "role", "createdAt", "lastUsedAt"] as const;
export type ApiKeySort = ListSort<(typeof API_KEY_SORTS)[number]>;

function apiKeyOrder(sort: ApiKeySort | null): Prisma.ApiKeyOrderByWithRelationInput[] {
  if (!sort) return [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }];
  const direction = sort.desc ? "desc" : "asc";
  const first =
    sort.key === "lastUsedAt" ? { lastUsedAt: { sort: direction, nulls: "last" } } : { [sort.key]: direction };
  return [first as Prisma.ApiKeyOrderByWithRelationInput, { id: direction }];
}

/** A page of API keys (a small list: offset pages are enough). */
export async function listApiKeys(options: { sort?: ApiKeySort | null; page?: number } = {}) {
  const page = options.page ?? 1;
  const [rows, total] = await Promise.all([listApiKeyRows(options.sort ?? null, page), db().apiKey.count()]);
  return { rows, total };
}

function listApiKeyRows(sort: ApiKeySort | null, page: number) {
  return db().apiKey.findMany({
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
    orderBy: apiKeyOrder(sort),
    skip: (page - 1) * API_KEYS_PAGE_SIZE,
    take: API_KEYS_PAGE_SIZE,
  });
}

/** Creates a key and returns it in full exactly once; only its sha256 is stored. */
export async function createApiKey(input: { name: string; role: Role }, principal: Principal | null) {
  const { key, prefix, hash } = generateApiKey();
  const record = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        role: input.role,
        prefix,
        hash,
        createdById: principal?.kind === "user" ? principal.id : null,
      },
      select: { id: true, name: true, role: true, prefix: true },
    });
    await recordAudit(
      principal,
      { action: "apikey.create", entityType: "apikey", entityId: created.id, after: created },
      tx,
    );
    return created;
  });
  return { ...record, key };
}

export async function revokeApiKey(id: number, principal: Principal) {
  const key = await db().apiKey.findUnique({ where: { id }, select: { id: true, name: true, revokedAt: true } });
  if (!key) throw new AppError("not_found", "La clave no existe.");
  if (key.revokedAt) throw new AppError("conflict", "La clave ya estaba revocada.");
  await db().$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(
      principal,
      { action: "apikey.revoke", entityType: "apikey", entityId: id, before: { name: key.name } },
      tx,
    );
  });
}
