-- CreateIndex
CREATE INDEX "SandboxTrade_sandboxMerchantId_paidAt_id_idx" ON "SandboxTrade"("sandboxMerchantId", "paidAt", "id");

-- CreateIndex
CREATE INDEX "SandboxRefund_succeededAt_id_idx" ON "SandboxRefund"("succeededAt", "id");
