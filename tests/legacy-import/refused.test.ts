import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLegacyDatabase, LegacyFileRefused } from "@/lib/legacy-import";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { APP_DB, alteredCopy, footprint, scratchDir } from "./helpers";

// Bad or partial files: each gets a Spanish report naming the problem, and the database is left as it was.
async function refusal(input: string | Uint8Array): Promise<string[]> {
  try {
    await importLegacyDatabase(input, { dryRun: false, principal: null });
  } catch (error) {
    if (error instanceof LegacyFileRefused) return error.problems;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe.each(FLAVOURS)("refused legacy files on %s", (flavour) => {
  let t: TestDatabase;
  const scratch = scratchDir();
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    scratch.cleanup();
    await t.drop();
  });

  const cases: [string, () => string | Uint8Array, RegExp][] = [
    [
      "a CSV renamed to .db",
      () => {
        const file = path.join(scratch.dir, "catalogo.db");
        writeFileSync(file, "nombre,descripcion,precio,stock\nCasco,Casco blanco,25000,3\n");
        return file;
      },
      /no es una base de datos SQLite/,
    ],
    [
      "a truncated copy (the upload stopped half-way)",
      () => {
        const bytes = readFileSync(APP_DB);
        return new Uint8Array(bytes.subarray(0, Math.floor(bytes.byteLength * 0.6)));
      },
      /dañada o incompleta/,
    ],
    [
      "a copy with a page overwritten by garbage",
      () => {
        const bytes = new Uint8Array(readFileSync(APP_DB));
        bytes.fill(0xa5, 4096 * 3, 4096 * 5);
        return bytes;
      },
      /dañada o incompleta/,
    ],
    [
      "a copy without the messages table",
      () => alteredCopy(scratch.dir, "sin-mensajes.db", "DROP TABLE mensajes"),
      /Falta la tabla «mensajes»/,
    ],
    ["an empty file", () => new Uint8Array(0), /no es una base de datos SQLite/],
    [
      "a copy without a column we need",
      () => alteredCopy(scratch.dir, "sin-detalle.db", "ALTER TABLE ventas DROP COLUMN detalle"),
      /A la tabla «ventas» le faltan columnas: detalle/,
    ],
    [
      "a copy with two switches for the same chat",
      () =>
        alteredCopy(
          scratch.dir,
          "interruptores.db",
          `INSERT INTO chat_control (id, chat_id, ia_activa, tipo_control, fecha_cambio, fecha_actualizacion)
           VALUES (9, 'test-123', 0, 'conversacion', '2025-05-30 10:00:00', '2025-05-30 10:00:00')`,
        ),
      /Interruptores de «chat_control» para el mismo chat repetidos: test-123/,
    ],
    [
      "a copy with a sender we do not know",
      () => alteredCopy(scratch.dir, "remitente.db", "UPDATE mensajes SET remitente = 'bot' WHERE id = 21"),
      /«mensajes» 21, columna remitente: remitente desconocido/,
    ],
    [
      "a copy with a column we do not know",
      () => alteredCopy(scratch.dir, "columna.db", "ALTER TABLE productos ADD COLUMN codigo_barras TEXT"),
      /«productos» tiene columnas desconocidas: codigo_barras/,
    ],
    [
      "a copy where two clients share a cédula once dots are removed",
      () =>
        alteredCopy(scratch.dir, "cedulas.db", "UPDATE clientes SET cedula = '12.345.678' WHERE cedula = '1098765432'"),
      /Cédulas de «clientes» repetidos: 12345678/,
    ],
    [
      "a copy with two active company texts",
      () => alteredCopy(scratch.dir, "contexto.db", "UPDATE contexto_empresa SET activo = 1 WHERE version = 3"),
      /exactamente una versión activa \(tiene 2\)/,
    ],
    [
      "a copy with an unreadable date",
      () => alteredCopy(scratch.dir, "fecha.db", "UPDATE mensajes SET timestamp = '27/05/2025 9:45' WHERE id = 21"),
      /mensaje 21: fecha ilegible/,
    ],
    [
      "a copy with a price that is not a number",
      () => alteredCopy(scratch.dir, "precio.db", "UPDATE productos SET precio = 'noventa mil' WHERE id = 18"),
      /«productos» 18, columna precio/,
    ],
  ];

  it.each(cases)("refuses %s and writes nothing", async (_name, make, expected) => {
    const before = await footprint(t.db);
    const problems = await refusal(make());
    expect(problems.join("\n")).toMatch(expected);
    expect(await footprint(t.db)).toEqual(before);
  });

  it("a conflict found while writing rolls back everything already written", async () => {
    // a product of ours already holds the SKU the import derives for legacy product 50
    await t.db.product.create({
      data: { sku: "SV-0050", name: "Otro producto", category: "Varios", price: 1_000, legacyId: 9_050 },
    });
    const before = await footprint(t.db);
    await expect(importLegacyDatabase(APP_DB, { dryRun: false, principal: null })).rejects.toThrow(
      /El SKU SV-0050 ya pertenece a otro producto/,
    );
    expect(await footprint(t.db)).toEqual(before);
    expect(await t.db.product.count({ where: { legacyId: 18 } })).toBe(0);
  });
});
