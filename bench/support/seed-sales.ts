import type { BenchDb } from "./metrics-db";

/** `lines` closed sale lines (two per order, every 10th order an open cart that a default export leaves out), in SQL. */
export async function seedSales(b: BenchDb, lines: number) {
  const orders = Math.ceil(lines / 2);
  const now = Math.floor(Date.now() / 1000);
  // every 10th order is an open cart (excluded by default): seed enough to export `lines` closed lines
  const total = Math.ceil((orders * 10) / 9);
  if (b.flavour === "sqlite") {
    await b.db.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${total})
       INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "customerDocument", "customerPhone",
                            "customerCity", "createdAt", "updatedAt", "closedAt")
       SELECT 'P-' || printf('%07d', i), CASE WHEN i % 10 = 0 THEN 'pendiente' ELSE 'cerrada' END, 'web', 157000,
              'Cliente ' || i, '1' || printf('%09d', i), '300' || printf('%07d', i), 'Cali',
              strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now} - i * 60, 'unixepoch'),
              strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now} - i * 60, 'unixepoch'),
              CASE WHEN i % 10 = 0 THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${now} - i * 60 + 300, 'unixepoch') END
       FROM n`,
    );
  } else {
    await b.db.$executeRawUnsafe(
      `INSERT INTO "Order" ("number", "state", "channel", "total", "customerName", "customerDocument", "customerPhone",
                            "customerCity", "createdAt", "updatedAt", "closedAt")
       SELECT 'P-' || lpad(i::text, 7, '0'), CASE WHEN i % 10 = 0 THEN 'pendiente' ELSE 'cerrada' END, 'web', 157000,
              'Cliente ' || i, '1' || lpad(i::text, 9, '0'), '300' || lpad(i::text, 7, '0'), 'Cali',
              to_timestamp(${now} - i * 60) AT TIME ZONE 'UTC', to_timestamp(${now} - i * 60) AT TIME ZONE 'UTC',
              CASE WHEN i % 10 = 0 THEN NULL ELSE to_timestamp(${now} - i * 60 + 300) AT TIME ZONE 'UTC' END
       FROM generate_series(1, ${total}) AS i`,
    );
  }
  for (const [sku, name, qty, price] of [
    ["CAS-001", "Casco de seguridad dieléctrico, clase E", 2, 38500],
    ["GUA-014", 'Guante de nitrilo "Pro", talla 9', 4, 20000],
  ] as const) {
    await b.db.$executeRawUnsafe(
      `INSERT INTO "OrderLine" ("orderId", "sku", "name", "quantity", "unitPrice", "subtotal")
       SELECT "id", '${sku}', '${name.replace(/'/g, "''")}', ${qty}, ${price}, ${qty * price} FROM "Order"`,
    );
  }
}
