import { generateApiKey } from "@/lib/auth/api-keys";
import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export function listApiKeys() {
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
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
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
