import { describe, expect, it } from "vitest";
import { auditDiff, describeAudit } from "./audit-words";

describe("the audit log in words", () => {
  it.each([
    [
      { action: "conversation.release", entityType: "conversation", entityId: "abc" },
      "Laura Gómez",
      "Carlos devolvió la conversación de Laura Gómez al bot.",
    ],
    [
      { action: "order.dispatch", entityType: "order", entityId: "7" },
      "SV-000007",
      "Carlos despachó el pedido SV-000007.",
    ],
    [{ action: "product.update", entityType: "product", entityId: "25" }, null, "Carlos editó producto 25."],
    [
      { action: "bot.global_off", entityType: "setting", entityId: "bot.global" },
      null,
      "Carlos: apagó el asesor virtual (configuración bot.global).",
    ],
    [{ action: "algo.nuevo", entityType: "cosa", entityId: null }, null, "Carlos: algo.nuevo."],
  ])("%o", (entry, name, sentence) => {
    expect(describeAudit({ ...entry, actorLabel: "Carlos" }, name)).toBe(sentence);
  });

  it("lists only the fields that changed", () => {
    expect(
      auditDiff(
        JSON.stringify({ price: 38500, name: "Casco", active: true }),
        JSON.stringify({ price: 41200, name: "Casco" }),
      ),
    ).toEqual([
      { field: "price", before: "38500", after: "41200" },
      { field: "active", before: "true", after: "—" },
    ]);
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff("no es json", null)).toEqual([{ field: "valor", before: "no es json", after: "—" }]);
  });
});
