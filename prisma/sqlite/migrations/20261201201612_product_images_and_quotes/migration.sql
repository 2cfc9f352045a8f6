-- AlterTable
ALTER TABLE "Product" ADD COLUMN "imageKey" TEXT;

-- CreateTable
CREATE TABLE "Quote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "conversationId" INTEGER,
    "orderId" INTEGER,
    "customerName" TEXT,
    "customerDocumentType" TEXT,
    "customerDocument" TEXT,
    "customerPhone" TEXT,
    "customerEmail" TEXT,
    "customerAddress" TEXT,
    "customerCity" TEXT,
    "lines" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Quote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Quote_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Quote_number_key" ON "Quote"("number");

-- CreateIndex
CREATE INDEX "Quote_conversationId_id_idx" ON "Quote"("conversationId", "id");

-- CreateIndex
CREATE INDEX "Quote_orderId_id_idx" ON "Quote"("orderId", "id");
