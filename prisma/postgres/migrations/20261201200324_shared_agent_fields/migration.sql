-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "attentionReason" TEXT,
ADD COLUMN     "attentionSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "confidence" DOUBLE PRECISION,
ADD COLUMN     "inputTokens" INTEGER,
ADD COLUMN     "outputTokens" INTEGER;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "legacyId" INTEGER,
ADD COLUMN     "skuInternal" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Conversation_attentionSince_idx" ON "Conversation"("attentionSince");

-- CreateIndex
CREATE INDEX "Message_confidence_createdAt_idx" ON "Message"("confidence", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Product_legacyId_key" ON "Product"("legacyId");
