-- DropIndex
DROP INDEX "Message_role_createdAt_idx";

-- CreateIndex
CREATE INDEX "Message_role_createdAt_totalMs_modelMs_idx" ON "Message"("role", "createdAt", "totalMs", "modelMs");
