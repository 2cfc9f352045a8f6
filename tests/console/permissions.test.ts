import { describe, expect, it } from "vitest";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { navItemsFor } from "@/lib/console/nav";
import { CONSOLE_PAGES } from "@/lib/console/pages";

// The role definitions written out by hand, so a change to the permission table that contradicts
// them fails here (the matrix test checks that code follows the table; this checks the table itself).
const EXPECTED_PAGES: Record<Role, string[]> = {
  admin: Object.keys(CONSOLE_PAGES),
  ventas: [
    "/dashboard",
    "/dashboard/inventory",
    "/dashboard/inventory/new",
    "/dashboard/inventory/import",
    "/dashboard/inventory/[id]",
    "/dashboard/clients",
    "/dashboard/clients/[id]",
    "/dashboard/orders",
    "/dashboard/orders/new",
    "/dashboard/orders/[id]",
    "/dashboard/conversations",
    "/dashboard/conversations/[chatId]",
  ],
  gerente: [
    "/dashboard",
    "/dashboard/inventory",
    "/dashboard/inventory/[id]",
    "/dashboard/clients",
    "/dashboard/clients/[id]",
    "/dashboard/orders",
    "/dashboard/orders/[id]",
    "/dashboard/conversations",
    "/dashboard/conversations/[chatId]",
    "/dashboard/audit",
    "/dashboard/exports",
    "/dashboard/metrics",
  ],
};

describe("role definitions", () => {
  it.each(Object.entries(EXPECTED_PAGES))("%s reaches exactly its pages", (role, pages) => {
    const allowed = Object.entries(CONSOLE_PAGES)
      .filter(([, permission]) => can(role as Role, permission))
      .map(([page]) => page)
      .sort();
    expect(allowed).toEqual([...pages].sort());
  });

  it("sidebar shows each role only what it may open", () => {
    expect(navItemsFor("ventas").map((i) => i.label)).toEqual(["Inventario", "Clientes", "Ventas", "Conversaciones"]);
    expect(navItemsFor("gerente").map((i) => i.label)).toEqual([
      "Inventario",
      "Clientes",
      "Ventas",
      "Conversaciones",
      "Exportaciones",
      "Métricas",
      "Auditoría",
    ]);
    expect(navItemsFor("admin")).toHaveLength(13);
    expect(navItemsFor("admin").at(-2)).toMatchObject({
      href: "/dashboard/canned-replies",
      label: "Respuestas rápidas",
    });
    expect(navItemsFor("admin").at(-1)).toMatchObject({ href: "/dashboard/legacy-import", label: "Migración" });
  });

  it.each<[Role, Permission, boolean]>([
    ["ventas", "stock:adjust", true],
    ["ventas", "conversations:takeover", true],
    ["ventas", "bot:global-toggle", false],
    ["ventas", "audit:read", false],
    ["gerente", "inventory:write", false],
    ["gerente", "orders:write", false],
    ["gerente", "users:manage", false],
    ["gerente", "audit:read", true],
    ["admin", "apikeys:manage", true],
    ["admin", "bot:global-toggle", true],
  ])("%s %s → %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("nobody can do anything without a role", () => {
    expect(can(null, "inventory:read")).toBe(false);
  });
});
