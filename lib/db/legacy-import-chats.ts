import { randomUUID } from "node:crypto";
import type { DbTransaction } from "@/lib/db/client";
import { GLOBAL_BOT_KEY, parseGlobalBotSetting } from "@/lib/db/settings";
import type {
  BotSwitch,
  LegacyImportReport,
  MappedCompanyVersion,
  MappedConversation,
  MappedMessage,
} from "@/lib/legacy-import/types";

// The chat side of the legacy import: conversations with their messages, the bot switches and the company
// text versions. Messages carry `metadata.legado.id` (the previous system's row id), the key a re-run matches on.
const COMPANY_MAP_KEY = "legacy.company_versions";
const LEGACY_ACTOR = "sistema anterior";

function legacyIdOf(metadata: string): number | null {
  try {
    const value = JSON.parse(metadata) as { legado?: { id?: unknown } };
    return typeof value.legado?.id === "number" ? value.legado.id : null;
  } catch {
    return null;
  }
}

function summaryOf(messages: MappedMessage[]) {
  const last = messages.at(-1);
  const lastIntent = [...messages].reverse().find((m) => m.role !== "system" && m.intent)?.intent ?? null;
  const saleState = [...messages].reverse().find((m) => m.saleState)?.saleState ?? null;
  return { last, lastIntent, saleState };
}

function switchAudit(chatId: string, bot: BotSwitch) {
  return {
    actorType: "system",
    actorLabel: bot.by ? `${LEGACY_ACTOR}: ${bot.by}` : LEGACY_ACTOR,
    action: bot.enabled ? "conversation.release" : "conversation.takeover",
    entityType: "conversation",
    entityId: chatId,
    after: JSON.stringify({ botEnabled: bot.enabled, origen: "sistema anterior" }),
    reason: bot.reason,
    ...(bot.at ? { createdAt: bot.at } : {}),
  };
}

function messageRows(conversationId: number, messages: MappedMessage[]) {
  return messages.map((m) => ({
    conversationId,
    role: m.role,
    text: m.text,
    intent: m.intent,
    saleState: m.saleState,
    metadata: JSON.stringify(m.metadata),
    createdAt: m.createdAt,
  }));
}

const CHUNK = 500;

async function inChunks<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

const keyOf = (channel: string, id: string) => (channel === "telegram" ? `telegram:${id}` : `chat:${id}`);

async function findExisting(tx: DbTransaction, conversations: MappedConversation[]) {
  const tg = conversations.filter((c) => c.channel === "telegram").map((c) => c.legacyChatId);
  const other = conversations.filter((c) => c.channel !== "telegram").map((c) => c.legacyChatId);
  const rows = [
    ...(await inChunks(other, (chatId) => tx.conversation.findMany({ where: { chatId: { in: chatId } } }))),
    ...(await inChunks(tg, (ids) =>
      tx.conversation.findMany({ where: { channel: "telegram", channelUserId: { in: ids } } }),
    )),
  ];
  const tgSet = new Set(tg);
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (r.channel === "telegram" && r.channelUserId && tgSet.has(r.channelUserId))
      byKey.set(keyOf("telegram", r.channelUserId), r);
    else byKey.set(keyOf("api", r.chatId), r);
  }
  return byKey;
}

/** Returns the conversation id of every legacy chat id. */
export async function writeLegacyConversations(
  tx: DbTransaction,
  conversations: MappedConversation[],
  clientByChat: Map<string, number>,
  report: LegacyImportReport,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const clientNames = new Map(
    (
      await tx.client.findMany({
        where: { id: { in: [...new Set(clientByChat.values())] } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name]),
  );
  const existing = await findExisting(tx, conversations);
  const fresh: { conversation: MappedConversation; chatId: string }[] = [];
  const switches: { chatId: string; bot: BotSwitch }[] = [];
  for (const c of conversations) {
    const current = existing.get(keyOf(c.channel, c.legacyChatId));
    if (!current) {
      // a Telegram conversation's chat id stays unguessable; the sender id is its channel key
      fresh.push({ conversation: c, chatId: c.channel === "telegram" ? `tg-${randomUUID()}` : c.legacyChatId });
    }
  }
  await inChunks(fresh, async (chunk) => {
    await tx.conversation.createMany({
      data: chunk.map(({ conversation: c, chatId }) => {
        const clientId = clientByChat.get(c.legacyChatId) ?? null;
        const { last, lastIntent, saleState } = summaryOf(c.messages);
        return {
          chatId,
          channel: c.channel,
          channelUserId: c.channel === "telegram" ? c.legacyChatId : null,
          botEnabled: c.bot?.enabled ?? true,
          clientId,
          customerName: clientId ? (clientNames.get(clientId) ?? null) : null,
          lastMessageAt: last?.createdAt ?? c.bot?.at ?? new Date(),
          lastMessagePreview: last?.text.slice(0, 140) ?? null,
          lastIntent,
          saleState,
          messageCount: c.messages.length,
          ...(c.messages[0] ? { createdAt: c.messages[0].createdAt } : {}),
        };
      }),
    });
    return [];
  });
  const created = await inChunks(fresh, (chunk) =>
    tx.conversation.findMany({
      where: { chatId: { in: chunk.map((f) => f.chatId) } },
      select: { id: true, chatId: true },
    }),
  );
  const createdIds = new Map(created.map((c) => [c.chatId, c.id]));
  const newMessages: ReturnType<typeof messageRows> = [];
  for (const { conversation: c, chatId } of fresh) {
    const id = createdIds.get(chatId) as number;
    ids.set(c.legacyChatId, id);
    newMessages.push(...messageRows(id, c.messages));
    report.conversations.created++;
    report.messages.created += c.messages.length;
    if (c.bot) {
      switches.push({ chatId, bot: c.bot });
      report.botSwitches.created++;
    }
  }

  const known = conversations.flatMap((c) => {
    const current = existing.get(keyOf(c.channel, c.legacyChatId));
    return current ? [{ c, current }] : [];
  });
  const stored = await inChunks(
    known.map((k) => k.current.id),
    (chunk) => tx.message.findMany({ where: { conversationId: { in: chunk } }, select: { metadata: true } }),
  );
  const present = new Set(stored.map((m) => legacyIdOf(m.metadata)).filter((id) => id !== null));
  for (const { c, current } of known) {
    ids.set(c.legacyChatId, current.id);
    const missing = c.messages.filter((m) => !present.has(m.legacyId));
    report.messages.unchanged += c.messages.length - missing.length;
    const clientId = clientByChat.get(c.legacyChatId) ?? null;
    const { last, lastIntent, saleState } = summaryOf(c.messages);
    const data: Record<string, unknown> = {};
    if (missing.length > 0) {
      newMessages.push(...messageRows(current.id, missing));
      data.messageCount = { increment: missing.length };
      if (last && last.createdAt > current.lastMessageAt) {
        Object.assign(data, {
          lastMessageAt: last.createdAt,
          lastMessagePreview: last.text.slice(0, 140),
          lastIntent,
          saleState,
        });
      }
      report.messages.created += missing.length;
    }
    if (clientId !== null && current.clientId === null) {
      Object.assign(data, { clientId, customerName: clientNames.get(clientId) ?? null });
    }
    if (c.bot && current.botEnabled !== c.bot.enabled) {
      Object.assign(
        data,
        { botEnabled: c.bot.enabled },
        c.bot.enabled ? { takenOverById: null, takenOverAt: null } : {},
      );
      switches.push({ chatId: current.chatId, bot: c.bot });
      report.botSwitches.updated++;
    } else if (c.bot) report.botSwitches.unchanged++;
    if (Object.keys(data).length > 0) {
      await tx.conversation.update({ where: { id: current.id }, data });
      report.conversations.updated++;
    } else report.conversations.unchanged++;
  }
  // one conversation after the other, each oldest first: message ids keep every history's order
  await inChunks(newMessages, async (chunk) => {
    await tx.message.createMany({ data: chunk });
    return [];
  });
  await inChunks(switches, async (chunk) => {
    await tx.auditLog.createMany({ data: chunk.map(({ chatId, bot }) => switchAudit(chatId, bot)) });
    return [];
  });
  return ids;
}

export async function writeLegacyGlobalBot(tx: DbTransaction, bot: BotSwitch | null, report: LegacyImportReport) {
  if (!bot) return;
  const row = await tx.setting.findUnique({ where: { key: GLOBAL_BOT_KEY } });
  const current = parseGlobalBotSetting(row?.value);
  const by = bot.by ? `${LEGACY_ACTOR}: ${bot.by}` : LEGACY_ACTOR;
  // an "on, no reason" switch is what having no setting means: nothing to write
  const same = row
    ? current.enabled === bot.enabled && current.reason === bot.reason && (current.by === by || bot.enabled)
    : bot.enabled && !bot.reason;
  if (same) {
    report.botSwitches.unchanged++;
    return;
  }
  const value = JSON.stringify({
    enabled: bot.enabled,
    reason: bot.reason,
    by,
    at: (bot.at ?? new Date()).toISOString(),
  });
  await tx.setting.upsert({
    where: { key: GLOBAL_BOT_KEY },
    create: { key: GLOBAL_BOT_KEY, value },
    update: { value },
  });
  if (row) report.botSwitches.updated++;
  else report.botSwitches.created++;
}

/**
 * Every legacy version becomes one of ours, oldest first and the active one last, so it is current. The map of
 * legacy ids to our versions (Setting `legacy.company_versions`) makes a re-run keep later edits by staff.
 */
export async function writeLegacyCompany(
  tx: DbTransaction,
  versions: MappedCompanyVersion[],
  report: LegacyImportReport,
) {
  const row = await tx.setting.findUnique({ where: { key: COMPANY_MAP_KEY } });
  const map = (row ? JSON.parse(row.value) : {}) as Record<string, number>;
  let changed = false;
  for (const v of versions) {
    const mapped = map[String(v.legacyId)];
    if (mapped !== undefined && (await tx.companyInfo.findUnique({ where: { version: mapped } }))) {
      report.companyVersions.unchanged++;
      continue;
    }
    const latest = await tx.companyInfo.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    await tx.companyInfo.create({
      data: { version, content: v.content, ...(v.createdAt ? { createdAt: v.createdAt } : {}) },
    });
    map[String(v.legacyId)] = version;
    report.companyVersions.created++;
    changed = true;
  }
  if (changed) {
    const value = JSON.stringify(map);
    await tx.setting.upsert({
      where: { key: COMPANY_MAP_KEY },
      create: { key: COMPANY_MAP_KEY, value },
      update: { value },
    });
  }
}
