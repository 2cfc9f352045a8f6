import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { createMemoryBus, type RealtimeEvent } from "@/lib/realtime/bus";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { staffPrincipal } from "./helpers";

// Takeover, staff replies, the global switch, company text versions, users and API keys on both databases.
describe.each(FLAVOURS)("inbox and administration on %s", (flavour) => {
  let t: TestDatabase;
  let ventas: Principal;
  let admin: Principal;
  const events: RealtimeEvent[] = [];

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    ventas = await staffPrincipal(t.db, "ventas");
    admin = await staffPrincipal(t.db, "admin");
    const bus = createMemoryBus();
    (globalThis as { __sextinvalleBus?: unknown }).__sextinvalleBus = bus;
    bus.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("takes over a chat, replies as staff, hands it back; each step stored, published and audited", async () => {
    const { takeOverConversation, postStaffReply, releaseConversation, takeoverNotice } = await import(
      "@/lib/db/inbox"
    );
    const { publishMessage, publishTakeover } = await import("@/lib/console/inbox-events");
    const conversation = await t.db.conversation.create({ data: { chatId: `chat-${flavour}`, channel: "web" } });
    const chatId = conversation.chatId;

    await expect(postStaffReply(chatId, "Hola", ventas)).rejects.toMatchObject({ code: "conflict" });

    const notice = await takeOverConversation(chatId, ventas, "Cliente pide hablar con alguien");
    await publishTakeover(chatId, false, "Equipo de ventas");
    await publishMessage(chatId, notice);
    const taken = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    expect(taken).toMatchObject({ botEnabled: false, takenOverById: (ventas as { id: number }).id });
    expect(taken.takenOverAt).toBeInstanceOf(Date);
    await expect(takeOverConversation(chatId, admin, null)).rejects.toMatchObject({ code: "conflict" });

    const reply = await postStaffReply(chatId, "Con gusto le ayudo", ventas);
    await publishMessage(chatId, reply);
    const messages = await t.db.message.findMany({
      where: { conversationId: conversation.id },
      orderBy: { id: "asc" },
    });
    expect(messages.map((m) => [m.role, m.text, m.authorId])).toEqual([
      ["system", takeoverNotice(ventas.name), null],
      ["staff", "Con gusto le ayudo", (ventas as { id: number }).id],
    ]);
    expect(events).toEqual([
      { type: "conversation", chatId, botEnabled: false, takenOverBy: "Equipo de ventas" },
      {
        type: "message",
        chatId,
        message: expect.objectContaining({ role: "system", text: takeoverNotice(ventas.name) }),
      },
      {
        type: "message",
        chatId,
        message: expect.objectContaining({ id: reply.id, role: "staff", text: "Con gusto le ayudo" }),
      },
    ]);

    await releaseConversation(chatId, ventas, null);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { chatId } })).botEnabled).toBe(true);
    const audit = await t.db.auditLog.findMany({ where: { entityId: chatId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["conversation.takeover", "ventas@sextinvalle.example"],
      ["conversation.reply", "ventas@sextinvalle.example"],
      ["conversation.release", "ventas@sextinvalle.example"],
    ]);
    expect(audit[0]?.reason).toBe("Cliente pide hablar con alguien");
  });

  it("stores the global bot switch where the chat pipeline reads it", async () => {
    const { getGlobalBotSetting, setGlobalBotSetting } = await import("@/lib/db/settings");
    const { readGlobalBotSwitch } = await import("@/lib/db/conversations");
    expect(await getGlobalBotSetting()).toMatchObject({ enabled: true });
    await setGlobalBotSetting({ enabled: false, reason: "Mantenimiento del catálogo" }, admin);
    const setting = await getGlobalBotSetting();
    expect(setting).toMatchObject({
      enabled: false,
      reason: "Mantenimiento del catálogo",
      by: "admin@sextinvalle.example",
    });
    expect(Date.parse(setting.at ?? "")).not.toBeNaN();
    expect(await readGlobalBotSwitch()).toEqual({ enabled: false, reason: "Mantenimiento del catálogo" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "bot.global_off" } });
    expect(audit.reason).toBe("Mantenimiento del catálogo");
  });

  it("versions the company text; the previous version stays readable", async () => {
    const { getCurrentCompanyInfo, saveCompanyInfo, getCompanyInfoVersion } = await import("@/lib/db/company");
    const original = await getCurrentCompanyInfo();
    expect(original?.version).toBe(1);
    const saved = await saveCompanyInfo("Sextinvalle: nuevo horario de lunes a sábado.", admin, 1);
    expect(saved.version).toBe(2);
    expect((await getCurrentCompanyInfo())?.content).toBe("Sextinvalle: nuevo horario de lunes a sábado.");
    expect((await getCompanyInfoVersion(1))?.content).toBe(original?.content);
    await expect(saveCompanyInfo("Otro texto de la empresa, más largo.", admin, 1)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("manages users: create, role change, cannot remove the last admin, password reset", async () => {
    const { createUser, updateUser, resetUserPassword } = await import("@/lib/db/users");
    const { verifyPassword } = await import("@/lib/auth/password");
    const user = await createUser(
      { email: "Nuevo@Sextinvalle.example", name: "Nuevo", role: "ventas", password: "Clave-segura-123" },
      admin,
    );
    expect(user.email).toBe("nuevo@sextinvalle.example");
    await expect(
      createUser(
        { email: "nuevo@sextinvalle.example", name: "Otro", role: "ventas", password: "Clave-segura-123" },
        admin,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await updateUser(user.id, { role: "gerente" }, admin)).role).toBe("gerente");
    await expect(updateUser((admin as { id: number }).id, { active: false }, admin)).rejects.toMatchObject({
      code: "conflict",
    });
    await resetUserPassword(user.id, "Otra-clave-456", admin);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("Otra-clave-456", stored.passwordHash)).toBe(true);
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.password_reset" } });
    expect(`${entry.before}${entry.after}`).not.toContain(stored.passwordHash);
  });

  it("creates API keys shown once and stored hashed; a revoked key stops working", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/db/api-keys");
    const { resolvePrincipal } = await import("@/lib/auth/principal");
    const created = await createApiKey({ name: "ERP", role: "gerente" }, admin);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).not.toContain(created.key);
    expect(created.key.startsWith(row.prefix)).toBe(true);
    const headers = new Headers({ authorization: `Bearer ${created.key}` });
    expect(await resolvePrincipal(headers)).toMatchObject({ kind: "apikey", role: "gerente" });
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeInstanceOf(Date);
    await revokeApiKey(created.id, admin);
    expect(await resolvePrincipal(headers)).toBeNull();
  });
});
