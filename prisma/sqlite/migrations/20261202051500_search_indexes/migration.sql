-- Client and order search through trigram indexes instead of scanning every row with LIKE '%x%'
-- (lib/db/search.ts). FTS5's trigram tokenizer indexes every 3-character substring, so a quoted phrase matches
-- what LIKE '%phrase%' matched (case-insensitive; accents kept, as before), from the index.
-- External content: the text lives only in "Client"/"Order"; the triggers keep the index in step.
-- These tables are listed under `tables.external` in prisma.config.ts, or the next migration would drop them.
-- CAUTION: a migration that redefines "Client" or "Order" (Prisma's new_… copy + DROP + RENAME) drops these
-- triggers; re-create them at its end (tests/console/search-index.test.ts fails if a write stops reaching the index).

CREATE VIRTUAL TABLE "ClientSearch" USING fts5(
  "name", "email", "documentNumber", "phone",
  content = 'Client', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO "ClientSearch"("ClientSearch") VALUES ('rebuild');

CREATE TRIGGER "Client_search_insert" AFTER INSERT ON "Client" BEGIN
  INSERT INTO "ClientSearch"(rowid, "name", "email", "documentNumber", "phone")
  VALUES (new."id", new."name", new."email", new."documentNumber", new."phone");
END;
CREATE TRIGGER "Client_search_delete" AFTER DELETE ON "Client" BEGIN
  INSERT INTO "ClientSearch"("ClientSearch", rowid, "name", "email", "documentNumber", "phone")
  VALUES ('delete', old."id", old."name", old."email", old."documentNumber", old."phone");
END;
-- only when a searched value changes: purchase totals and timestamps are updated far more often, and Prisma
-- sets every column it was given, changed or not
CREATE TRIGGER "Client_search_update" AFTER UPDATE OF "name", "email", "documentNumber", "phone" ON "Client"
WHEN old."name" IS NOT new."name" OR old."email" IS NOT new."email"
  OR old."documentNumber" IS NOT new."documentNumber" OR old."phone" IS NOT new."phone"
BEGIN
  INSERT INTO "ClientSearch"("ClientSearch", rowid, "name", "email", "documentNumber", "phone")
  VALUES ('delete', old."id", old."name", old."email", old."documentNumber", old."phone");
  INSERT INTO "ClientSearch"(rowid, "name", "email", "documentNumber", "phone")
  VALUES (new."id", new."name", new."email", new."documentNumber", new."phone");
END;

CREATE VIRTUAL TABLE "OrderSearch" USING fts5(
  "customerName", "number", "customerDocument", "customerPhone",
  content = 'Order', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO "OrderSearch"("OrderSearch") VALUES ('rebuild');

CREATE TRIGGER "Order_search_insert" AFTER INSERT ON "Order" BEGIN
  INSERT INTO "OrderSearch"(rowid, "customerName", "number", "customerDocument", "customerPhone")
  VALUES (new."id", new."customerName", new."number", new."customerDocument", new."customerPhone");
END;
CREATE TRIGGER "Order_search_delete" AFTER DELETE ON "Order" BEGIN
  INSERT INTO "OrderSearch"("OrderSearch", rowid, "customerName", "number", "customerDocument", "customerPhone")
  VALUES ('delete', old."id", old."customerName", old."number", old."customerDocument", old."customerPhone");
END;
-- a chat turn rewrites its order's customer columns with the same values most of the time: no index work then
CREATE TRIGGER "Order_search_update" AFTER UPDATE OF "customerName", "number", "customerDocument", "customerPhone" ON "Order"
WHEN old."customerName" IS NOT new."customerName" OR old."number" IS NOT new."number"
  OR old."customerDocument" IS NOT new."customerDocument" OR old."customerPhone" IS NOT new."customerPhone"
BEGIN
  INSERT INTO "OrderSearch"("OrderSearch", rowid, "customerName", "number", "customerDocument", "customerPhone")
  VALUES ('delete', old."id", old."customerName", old."number", old."customerDocument", old."customerPhone");
  INSERT INTO "OrderSearch"(rowid, "customerName", "number", "customerDocument", "customerPhone")
  VALUES (new."id", new."customerName", new."number", new."customerDocument", new."customerPhone");
END;
