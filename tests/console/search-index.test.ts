import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOrderQuery } from "@/lib/console/order-query";
import { listClients } from "@/lib/db/clients";
import { forgetTotals } from "@/lib/db/list-totals";
import { listOrders } from "@/lib/db/order-admin";
import { CLIENT_SEARCH, ORDER_SEARCH, searchIds } from "@/lib/db/search";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Client and order search read the trigram indexes (FTS5 on SQLite, pg_trgm on PostgreSQL): the same rows as the
// LIKE '%x%' filter they replace, writes (insert, update, delete) reach the index, and LIKE's wildcards are text.
const MARK = "Búsqueda de prueba";

describe.each(FLAVOURS)("client and order search through the index on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    forgetTotals();
    await t.db.client.createMany({
      data: [
        { documentType: "CC", documentNumber: "1144556677", name: "María José PÉREZ", phone: "3145678901" },
        { documentType: "CC", documentNumber: "98765432", name: "Pedro Perea", email: "compras@ferreperea.co" },
        { documentType: "NIT", documentNumber: "900123456", name: "Construcciones 50% Andinas", phone: "6024455667" },
        { documentType: "CC", documentNumber: "31456780", name: "Ana_Lucía Gómez", email: "ana@ejemplo.co" },
        // what LIKE would match if % and _ were wildcards
        { documentType: "CC", documentNumber: "70809010", name: "Carla Salas" },
        { documentType: "CC", documentNumber: "70809011", name: "Lote 50 de Andes" },
      ].map((c) => ({ ...c, city: MARK })),
    });
    await t.db.order.createMany({
      data: [
        { number: "SRCH-0001", state: "cerrada", customerName: "María José PÉREZ", customerDocument: "1144556677" },
        { number: "SRCH-0002", state: "pendiente", customerName: "Pedro Perea", customerPhone: "3001234567" },
        { number: "SRCH-0003", state: "cerrada", customerName: "Ana_Lucía Gómez", customerDocument: "31456780" },
      ],
    });
  }, 60_000);
  afterAll(async () => t.drop());

  const clientNames = async (q: string) =>
    (await listClients(q, 1)).rows.filter((r) => r.city === MARK).map((r) => r.name);
  const orderNumbers = async (client: string) =>
    (await listOrders(parseOrderQuery({ client }))).rows.map((r) => r.number).filter((n) => n.startsWith("SRCH-"));

  it("answers from the index and finds what LIKE '%x%' found, in every searched column", async () => {
    for (const term of ["pere", "Pedro", "ferreperea", "@ejemplo", "Andinas"]) {
      const ids = await searchIds(CLIENT_SEARCH, term, null);
      expect(ids, term).not.toBeNull();
      const like = await t.db.client.findMany({
        where: {
          OR: [
            { name: { contains: term, ...(flavour === "postgres" ? { mode: "insensitive" as const } : {}) } },
            { email: { contains: term, ...(flavour === "postgres" ? { mode: "insensitive" as const } : {}) } },
          ],
        },
        select: { id: true },
      });
      expect([...(ids ?? [])].sort(), term).toEqual(like.map((c) => c.id).sort());
      expect(like.length, `${term} matches something`).toBeGreaterThan(0);
    }
    expect(await clientNames("pere")).toEqual(["Pedro Perea"]); // "PÉREZ" has an accent: not "pere"
    expect(await clientNames("FERREPEREA")).toEqual(["Pedro Perea"]);
  });

  it("matches documents and phones by their digits, however they are typed", async () => {
    expect(await clientNames("1.144.556")).toEqual(["María José PÉREZ"]);
    expect(await clientNames("314 567 89")).toEqual(["María José PÉREZ"]);
    expect(await clientNames("900123456-1")).toEqual([]);
    expect(await clientNames("900.123.456")).toEqual(["Construcciones 50% Andinas"]);
    expect(await orderNumbers("1144 5566")).toEqual(["SRCH-0001"]);
    expect(await orderNumbers("3 00")).toEqual([]); // fewer than 4 digits: name and number only
    expect(await orderNumbers("300 1234")).toEqual(["SRCH-0002"]);
  });

  it("ignores case beyond ASCII, keeps accents as the LIKE filter did", async () => {
    expect(await clientNames("pérez")).toEqual(["María José PÉREZ"]);
    expect(await clientNames("MARÍA JOSÉ")).toEqual(["María José PÉREZ"]);
    expect(await clientNames("maria jose")).toEqual([]);
  });

  it("searches orders by customer name and by order number in any case", async () => {
    expect(await orderNumbers("perea")).toEqual(["SRCH-0002"]);
    expect(await orderNumbers("srch-000")).toEqual(["SRCH-0003", "SRCH-0002", "SRCH-0001"]);
    const page = await listOrders(parseOrderQuery({ client: "srch-0001" }));
    expect(page.total).toBe(1);
    expect(page.byState.cerrada?.count).toBe(1);
  });

  it("takes %, _ and quotes as text", async () => {
    expect(await clientNames("50% And")).toEqual(["Construcciones 50% Andinas"]);
    expect(await clientNames("a_l")).toEqual(["Ana_Lucía Gómez"]);
    expect(await clientNames('"Pedro')).toEqual([]);
    expect(await searchIds(ORDER_SEARCH, '" OR customerName : "a', null)).toEqual([]);
  });

  it("follows inserts, renames and deletes", async () => {
    const c = await t.db.client.create({
      data: { documentType: "CC", documentNumber: "55667788", name: "Zuleta Ríos", phone: "3157778899", city: MARK },
    });
    expect(await clientNames("zuleta")).toEqual(["Zuleta Ríos"]);
    await t.db.client.update({ where: { id: c.id }, data: { name: "Yolanda Ríos" } });
    expect(await clientNames("zuleta")).toEqual([]);
    expect(await clientNames("yolanda")).toEqual(["Yolanda Ríos"]);
    await t.db.client.update({ where: { id: c.id }, data: { purchaseCount: 3 } }); // unsearched column
    expect(await clientNames("yolanda")).toEqual(["Yolanda Ríos"]);
    await t.db.client.delete({ where: { id: c.id } });
    expect(await clientNames("yolanda")).toEqual([]);

    const o = await t.db.order.create({ data: { number: "SRCH-0009", state: "iniciada", customerName: "Xiomara" } });
    expect(await orderNumbers("xiomara")).toEqual(["SRCH-0009"]);
    await t.db.order.update({ where: { id: o.id }, data: { customerName: "Wendy", total: 5 } });
    expect(await orderNumbers("xiomara")).toEqual([]);
    expect(await orderNumbers("wendy")).toEqual(["SRCH-0009"]);
    await t.db.order.delete({ where: { id: o.id } });
    expect(await orderNumbers("wendy")).toEqual([]);
  });

  it("still filters texts shorter than a trigram, without the index", async () => {
    expect(await searchIds(CLIENT_SEARCH, "pé", null)).toBeNull();
    expect(await clientNames("Ro")).toEqual(expect.arrayContaining(["Pedro Perea"]));
  });
});
