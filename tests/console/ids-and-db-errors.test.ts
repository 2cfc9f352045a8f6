import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getExport } from "@/app/api/exports/[id]/route";
import { GET as getProducto } from "@/app/productos/[id]/route";
import { BOUND_MESSAGES } from "@/lib/domain/bounds";
import { toAppError } from "@/lib/errors";
import { idSchema, MAX_ID, parseId } from "@/lib/http/ids";
import { parseProductImport } from "@/lib/imports/parse";
import { createApiKeyFor } from "@/tests/chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";

// Numbers from outside never reach the database unbounded, and database errors caused by the request (a
// duplicate, a missing row, a value out of range) are 4xx with a Spanish message, never a 500.
const session = vi.hoisted(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { userId: null as number | null };
});
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: String(session.userId) } } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
}));

const TOO_BIG = String(MAX_ID + 1);

describe("id parsing", () => {
  it("accepts plain positive 32-bit ids only", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of [TOO_BIG, "99999999999", "0", "-1", "01", "1e3", "0x10", " 1", "1.0", "", null, undefined])
      expect(parseId(bad), String(bad)).toBeNull();
    expect(idSchema.safeParse(MAX_ID).success).toBe(true);
    expect(idSchema.safeParse(MAX_ID + 1).error?.issues[0]?.message).toBe("El identificador no es válido.");
  });

  it("bounds imported prices and stock with a Spanish field error", () => {
    const csv = (price: string, stock: string) =>
      parseProductImport(`sku,nombre,categoria,precio,stock\nBIG-1,Casco grande,Cascos,${price},${stock}\n`);
    // the same bounds as every other way in (lib/domain/bounds.ts)
    expect(csv("1.000.000.000", "1000000").errors).toEqual([]);
    expect(csv("1.000.000.001", "1").errors).toEqual([{ line: 2, field: "precio", message: BOUND_MESSAGES.price }]);
    expect(csv("99999999999999999999", "1").errors[0]).toMatchObject({ field: "precio" });
    expect(csv("1000", "1000001").errors).toEqual([{ line: 2, field: "stock", message: BOUND_MESSAGES.stock }]);
  });
});

describe.each(FLAVOURS)("ids and database errors on %s", (flavour) => {
  let t: TestDatabase;
  let adminKey: string;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    adminKey = await createApiKeyFor(t.db, "admin");
    session.userId = (await t.db.user.findFirstOrThrow({ where: { role: "admin" } })).id;
  });
  afterAll(async () => t.drop());

  const failure = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      return toAppError(error);
    }
    throw new Error("expected the operation to fail");
  };

  it("maps duplicate, missing, foreign-key and out-of-range errors to 4xx in Spanish", async () => {
    const [a, b] = await t.db.product.findMany({ take: 2, orderBy: { id: "asc" } });
    if (!a || !b) throw new Error("seed has too few products");
    const duplicate = await failure(() => t.db.product.update({ where: { id: b.id }, data: { sku: a.sku } }));
    expect(duplicate).toMatchObject({
      code: "conflict",
      status: 409,
      message: "Ya existe un registro con esos datos.",
    });
    const missing = await failure(() => t.db.product.update({ where: { id: 999_999 }, data: { price: 1 } }));
    expect(missing).toMatchObject({ code: "not_found", status: 404 });
    const orphan = await failure(() =>
      t.db.stockMovement.create({ data: { productId: 999_999, delta: 1, stockAfter: 1, reason: "adjustment" } }),
    );
    expect(orphan).toMatchObject({ code: "conflict", status: 409 });
    if (flavour === "postgres") {
      const big = await failure(() => t.db.product.update({ where: { id: a.id }, data: { price: 3_000_000_000 } }));
      expect(big).toMatchObject({
        code: "invalid_input",
        status: 400,
        message: expect.stringMatching(/fuera del rango/),
      });
      const raw = await failure(() =>
        t.db.$executeRawUnsafe(`UPDATE "Product" SET price = 3000000000 WHERE id = ${a.id}`),
      );
      expect(raw).toMatchObject({ code: "invalid_input" });
    }
  });

  it("answers 404 for ids beyond 32 bits in route segments", async () => {
    const headers = { authorization: `Bearer ${adminKey}` };
    const product = await getProducto(new NextRequest(`http://localhost/productos/${TOO_BIG}`, { headers }), {
      params: Promise.resolve({ id: TOO_BIG }),
    });
    expect(product.status).toBe(404);
    expect(await product.json()).toMatchObject({
      error: { code: "not_found", message: `Producto con ID ${TOO_BIG} no encontrado` },
    });
    const exported = await getExport(new NextRequest(`http://localhost/api/exports/${TOO_BIG}`, { headers }), {
      params: Promise.resolve({ id: TOO_BIG }),
    });
    expect(exported.status).toBe(404);
  });

  it.each([
    ["inventory/[id]", () => import("@/app/(console)/dashboard/inventory/[id]/page"), { id: TOO_BIG }],
    ["clients/[id]", () => import("@/app/(console)/dashboard/clients/[id]/page"), { id: TOO_BIG }],
    [
      "conversations/[chatId] with a bare %",
      () => import("@/app/(console)/dashboard/conversations/[chatId]/page"),
      { chatId: "abc%" },
    ],
    [
      "conversations/[chatId] with %zz",
      () => import("@/app/(console)/dashboard/conversations/[chatId]/page"),
      { chatId: "%zz" },
    ],
  ] as const)("the %s page answers not found", async (_name, load, params) => {
    const Page = (await load()).default as (props: { params: Promise<unknown> }) => Promise<unknown>;
    await expect(Page({ params: Promise.resolve(params) })).rejects.toMatchObject({
      digest: expect.stringContaining("404"),
    });
  });
});
