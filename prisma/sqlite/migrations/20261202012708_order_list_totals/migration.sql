-- CreateIndex
CREATE INDEX "Order_state_total_idx" ON "Order"("state", "total");
