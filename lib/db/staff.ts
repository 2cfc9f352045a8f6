import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

export function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export function findUserById(id: number) {
  return db().user.findUnique({ where: { id } });
}

export function recordLogin(userId: number) {
  return db().user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
}

export function findActiveApiKeyByHash(hash: string) {
  return db().apiKey.findFirst({ where: { hash, revokedAt: null } });
}

/** Bumps lastUsedAt at most once a minute per key, so API traffic does not turn into writes. */
export async function touchApiKey(id: number, lastUsedAt: Date | null): Promise<void> {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await db().apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export function createApiKeyRecord(input: {
  name: string;
  role: Role;
  prefix: string;
  hash: string;
  createdById?: number;
}) {
  return db().apiKey.create({ data: input });
}
