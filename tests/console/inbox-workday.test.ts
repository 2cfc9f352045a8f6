import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { staffPrincipal } from "./helpers";

// Issue 14, the inbox a salesperson works in: unread state per person, the waiting queue oldest first, takeover
// by name and transfer, private notes that never reach the customer, canned replies. Both databases.
describe.each(FLAVOURS)("inbox workday on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  }, 60_000);
  afterAll(async () => t.drop());

  const conversation = (chatId: string, extra: Record<string, unknown> = {}) =>
    t.db.conversation.create({ data: { chatId: `${chatId}-${flavour}`, channel: "web", ...extra } });
  const customerSays = (conversationId: number, text: string, confidence: number | null = null) =>
    t.db.message.create({ data: { conversationId, role: "customer", text, confidence } });

  it("counts unread customer messages per person, and reading clears them for that person only", async () => {
    const { unreadCounts, inboxCounts, markConversationRead } = await import("@/lib/db/inbox-views");
    const ventas = await staffPrincipal(t.db, "ventas");
    const admin = await staffPrincipal(t.db, "admin");
    const before = await inboxCounts(ventas.id);
    const c = await conversation("unread");
    await customerSays(c.id, "Hola");
    await t.db.message.create({ data: { conversationId: c.id, role: "assistant", text: "¡Hola!" } });
    const second = await customerSays(c.id, "¿Tienen guantes?");

    expect((await unreadCounts([c.id], ventas.id)).get(c.id)).toBe(2);
    const afterNew = await inboxCounts(ventas.id);
    expect(afterNew.unread).toBe(before.unread + 1);
    expect(afterNew.newestId).toBe(c.id);

    await markConversationRead(ventas.id, c.id, second.id);
    await markConversationRead(ventas.id, c.id, second.id - 1); // a late, older mark does not move it back
    expect((await unreadCounts([c.id], ventas.id)).get(c.id)).toBe(0);
    expect((await unreadCounts([c.id], admin.id)).get(c.id)).toBe(2);
    expect((await inboxCounts(ventas.id)).unread).toBe(before.unread);

    await customerSays(c.id, "¿Y botas?");
    expect((await unreadCounts([c.id], ventas.id)).get(c.id)).toBe(1);
  }, 30_000);

  it("lists the waiting queue oldest first, 'mías' by assignee, 'revisar' flagged or unsure turns", async () => {
    const { listInboxView } = await import("@/lib/db/inbox-views");
    const { takeOverConversation } = await import("@/lib/db/inbox");
    const ventas = await staffPrincipal(t.db, "ventas");
    const now = Date.now();
    const older = await conversation("espera-larga", {
      attentionReason: "asked",
      attentionSince: new Date(now - 30 * 60_000),
      customerName: "Laura Gómez",
    });
    const newer = await conversation("espera-corta", {
      attentionReason: "not_understood",
      attentionSince: new Date(now - 2 * 60_000),
    });
    const unsure = await conversation("dudosa");
    await customerSays(unsure.id, "necesito lo de siempre", 0.3);
    const sure = await conversation("segura");
    await customerSays(sure.id, "10 cascos blancos", 0.95);

    const filter = { q: "", mode: "all" as const, page: 1 };
    const queue = await listInboxView({ ...filter, view: "queue" }, ventas.id);
    const queueIds = queue.rows.map((r) => r.id);
    expect(queueIds.indexOf(older.id)).toBeLessThan(queueIds.indexOf(newer.id));
    expect(queueIds).not.toContain(unsure.id);

    const review = (await listInboxView({ ...filter, view: "review" }, ventas.id)).rows.map((r) => r.id);
    expect(review).toEqual(expect.arrayContaining([older.id, newer.id, unsure.id]));
    expect(review).not.toContain(sure.id);

    // taking the chat assigns it to the person and takes it out of the queue
    const notice = await takeOverConversation(older.chatId, ventas, null);
    expect(notice.text).toBe(`Te atiende ${ventas.name}, asesor de Sextinvalle.`);
    const mine = (await listInboxView({ ...filter, view: "mine" }, ventas.id)).rows.map((r) => r.id);
    expect(mine).toContain(older.id);
    const queueAfter = (await listInboxView({ ...filter, view: "queue" }, ventas.id)).rows.map((r) => r.id);
    expect(queueAfter).not.toContain(older.id);
    expect(queueAfter).toContain(newer.id);
  }, 30_000);

  it("transfers to a colleague, tells the customer, audits it, and refuses a gerente", async () => {
    const { takeOverConversation, transferConversation } = await import("@/lib/db/inbox");
    const ventas = await staffPrincipal(t.db, "ventas");
    const admin = await staffPrincipal(t.db, "admin");
    const gerente = await staffPrincipal(t.db, "gerente");
    const c = await conversation("transferir");
    await expect(transferConversation(c.chatId, admin.id, ventas)).rejects.toMatchObject({ code: "conflict" });
    await takeOverConversation(c.chatId, ventas, null);
    await expect(transferConversation(c.chatId, gerente.id, ventas)).rejects.toMatchObject({ code: "invalid_input" });
    const { notice, to } = await transferConversation(c.chatId, admin.id, ventas);
    expect(to.id).toBe(admin.id);
    expect(notice.text).toBe(`Ahora te atiende ${admin.name}, asesor de Sextinvalle.`);
    const row = await t.db.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.takenOverById).toBe(admin.id);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "conversation.transfer", entityId: c.chatId },
    });
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ takenOverById: admin.id });
    expect(audit.actorId).toBe(ventas.id);
  }, 30_000);

  it("keeps private notes out of every customer-facing read and the channel outbox", async () => {
    const { addConversationNote, listConversationNotes } = await import("@/lib/db/inbox-notes");
    const { listConversationMessages, listRecentMessages } = await import("@/lib/db/conversations");
    const ventas = await staffPrincipal(t.db, "ventas");
    const c = await conversation("nota", { channel: "telegram", channelUserId: `nota-${flavour}` });
    await customerSays(c.id, "Quiero 5 cascos");
    const secret = "Cliente moroso: pedir pago anticipado";
    await addConversationNote(c.chatId, secret, ventas);
    const notes = await listConversationNotes(c.id);
    expect(notes.map((n) => [n.text, n.author?.name])).toEqual([[secret, ventas.name]]);
    const history = [...(await listConversationMessages(c.chatId)), ...(await listRecentMessages(c.id))];
    expect(history.map((m) => m.text)).not.toContain(secret);
    expect(history.length).toBeGreaterThan(0);
    expect(await t.db.outboxMessage.count({ where: { chatId: c.chatId } })).toBe(0);
    expect(await t.db.message.count({ where: { text: secret } })).toBe(0);
  }, 30_000);

  it("manages canned replies with unique shortcuts, audited", async () => {
    const { saveCannedReply, deleteCannedReply, listCannedReplies } = await import("@/lib/db/inbox-notes");
    const admin = await staffPrincipal(t.db, "admin");
    const horario = await saveCannedReply({ shortcut: "horario", text: "Atendemos de 7:30 a 5:30." }, admin);
    await expect(saveCannedReply({ shortcut: "horario", text: "otro" }, admin)).rejects.toMatchObject({
      code: "conflict",
      fields: { shortcut: "Ese atajo ya está en uso." },
    });
    await saveCannedReply({ id: horario.id, shortcut: "horario", text: "Lunes a sábado." }, admin);
    await saveCannedReply({ shortcut: "envio", text: "Enviamos a todo el Valle." }, admin);
    expect((await listCannedReplies()).map((r) => [r.shortcut, r.text])).toEqual([
      ["envio", "Enviamos a todo el Valle."],
      ["horario", "Lunes a sábado."],
    ]);
    await deleteCannedReply(horario.id, admin);
    expect((await listCannedReplies()).map((r) => r.shortcut)).toEqual(["envio"]);
    const actions = await t.db.auditLog.findMany({
      where: { entityType: "canned_reply" },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "canned_reply.create",
      "canned_reply.update",
      "canned_reply.create",
      "canned_reply.delete",
    ]);
  }, 30_000);
});

describe("customer names in the inbox", () => {
  it("uses the client, the name given, the order's data, then 'Cliente web #id'", async () => {
    const { conversationDisplayName } = await import("@/lib/console/conversation-name");
    const base = { id: 123, channel: "web", customerName: null };
    expect(conversationDisplayName({ ...base, client: { name: "Ferretería El Tornillo" } })).toBe(
      "Ferretería El Tornillo",
    );
    expect(conversationDisplayName({ ...base, customerName: "Laura Gómez" })).toBe("Laura Gómez");
    expect(
      conversationDisplayName({ ...base, orders: [{ customerName: "Pedro Ruiz", customerPhone: "3157654321" }] }),
    ).toBe("Pedro Ruiz");
    expect(conversationDisplayName({ ...base, orders: [{ customerName: null, customerPhone: "3157654321" }] })).toBe(
      "Cliente 3157654321",
    );
    expect(conversationDisplayName(base)).toBe("Cliente web #123");
    expect(conversationDisplayName({ ...base, channel: "whatsapp" })).toBe("Cliente WhatsApp #123");
  });
});
