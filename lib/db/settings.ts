import type { Principal } from "@/lib/auth/principal";
import { principalLabel } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { type DbTransaction, db } from "@/lib/db/client";

// The global bot switch lives in Setting `bot.global` as JSON; the chat pipeline reads it on every turn.
export const GLOBAL_BOT_KEY = "bot.global";

export type GlobalBotSetting = { enabled: boolean; reason: string | null; by: string | null; at: string | null };

export function parseGlobalBotSetting(value: string | null | undefined): GlobalBotSetting {
  const fallback: GlobalBotSetting = { enabled: true, reason: null, by: null, at: null };
  if (!value) return fallback;
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    return {
      enabled: parsed.enabled !== false,
      reason: typeof parsed.reason === "string" ? parsed.reason : null,
      by: typeof parsed.by === "string" ? parsed.by : null,
      at: typeof parsed.at === "string" ? parsed.at : null,
    };
  } catch {
    return fallback; // an unreadable value never silences the bot
  }
}

export async function getGlobalBotSetting(): Promise<GlobalBotSetting> {
  const row = await db().setting.findUnique({ where: { key: GLOBAL_BOT_KEY } });
  return parseGlobalBotSetting(row?.value);
}

export async function setGlobalBotSetting(
  input: { enabled: boolean; reason: string | null },
  principal: Principal,
): Promise<GlobalBotSetting> {
  const next: GlobalBotSetting = {
    enabled: input.enabled,
    reason: input.reason,
    by: principalLabel(principal),
    at: new Date().toISOString(),
  };
  const value = JSON.stringify(next);
  const updatedById = principal.kind === "user" ? principal.id : null;
  await db().$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: GLOBAL_BOT_KEY } });
    await tx.setting.upsert({
      where: { key: GLOBAL_BOT_KEY },
      create: { key: GLOBAL_BOT_KEY, value, updatedById },
      update: { value, updatedById },
    });
    await recordAudit(
      principal,
      {
        action: input.enabled ? "bot.global_on" : "bot.global_off",
        entityType: "setting",
        entityId: GLOBAL_BOT_KEY,
        before: parseGlobalBotSetting(before?.value),
        after: next,
        reason: input.reason,
      },
      tx,
    );
  });
  return next;
}

// Sign-out and a password reset revoke every session token of the user issued until now (see principalFromSession).
const revokedKey = (userId: number) => `auth.sessions_revoked.${userId}`;

export async function getSessionsRevokedAt(userId: number): Promise<number | null> {
  const row = await db().setting.findUnique({ where: { key: revokedKey(userId) } });
  const at = row ? Number(JSON.parse(row.value)) : Number.NaN;
  return Number.isFinite(at) ? at : null;
}

/** Also used when an admin resets the password: pass the reset's transaction so both land together. */
export async function revokeUserSessions(userId: number, tx?: DbTransaction): Promise<void> {
  const value = JSON.stringify(Date.now());
  await (tx ?? db()).setting.upsert({
    where: { key: revokedKey(userId) },
    create: { key: revokedKey(userId), value, updatedById: userId },
    update: { value, updatedById: userId },
  });
}
