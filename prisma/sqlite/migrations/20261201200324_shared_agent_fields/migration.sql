-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "attentionReason" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "attentionSince" DATETIME;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "confidence" REAL;
ALTER TABLE "Message" ADD COLUMN "inputTokens" INTEGER;
ALTER TABLE "Message" ADD COLUMN "outputTokens" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "brand" TEXT NOT NULL DEFAULT '',
    "price" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "unit" TEXT NOT NULL DEFAULT 'unidad',
    "standard" TEXT,
    "synonyms" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "legacyId" INTEGER,
    "skuInternal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Product" ("active", "brand", "category", "createdAt", "description", "id", "name", "price", "searchText", "sku", "standard", "stock", "synonyms", "unit", "updatedAt") SELECT "active", "brand", "category", "createdAt", "description", "id", "name", "price", "searchText", "sku", "standard", "stock", "synonyms", "unit", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_sku_key" ON "Product"("sku");
CREATE UNIQUE INDEX "Product_legacyId_key" ON "Product"("legacyId");
CREATE INDEX "Product_active_name_idx" ON "Product"("active", "name");
CREATE INDEX "Product_category_name_idx" ON "Product"("category", "name");
CREATE INDEX "Product_brand_name_idx" ON "Product"("brand", "name");
CREATE INDEX "Product_stock_idx" ON "Product"("stock");
CREATE INDEX "Product_price_idx" ON "Product"("price");
CREATE INDEX "Product_updatedAt_idx" ON "Product"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Conversation_attentionSince_idx" ON "Conversation"("attentionSince");

-- CreateIndex
CREATE INDEX "Message_confidence_createdAt_idx" ON "Message"("confidence", "createdAt");
