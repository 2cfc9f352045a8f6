-- Client and order search through pg_trgm GIN indexes instead of scanning every row with ILIKE '%x%'
-- (lib/db/search.ts). pg_trgm is a trusted contrib extension (postgresql-contrib): a database owner can create it.
-- The indexes are on lower(column), an expression: Prisma's schema cannot describe a GIN trigram index in the
-- shared data model, and it leaves expression indexes alone (an index on the bare column would be dropped by
-- the next generated migration). The search queries therefore compare lower(column) LIKE lower(pattern).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Client_name_trgm" ON "Client" USING gin (lower("name") gin_trgm_ops);
CREATE INDEX "Client_email_trgm" ON "Client" USING gin (lower("email") gin_trgm_ops);
CREATE INDEX "Client_documentNumber_trgm" ON "Client" USING gin (lower("documentNumber") gin_trgm_ops);
CREATE INDEX "Client_phone_trgm" ON "Client" USING gin (lower("phone") gin_trgm_ops);

CREATE INDEX "Order_customerName_trgm" ON "Order" USING gin (lower("customerName") gin_trgm_ops);
CREATE INDEX "Order_number_trgm" ON "Order" USING gin (lower("number") gin_trgm_ops);
CREATE INDEX "Order_customerDocument_trgm" ON "Order" USING gin (lower("customerDocument") gin_trgm_ops);
CREATE INDEX "Order_customerPhone_trgm" ON "Order" USING gin (lower("customerPhone") gin_trgm_ops);
