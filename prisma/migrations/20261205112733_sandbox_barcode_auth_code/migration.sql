-- AlterTable
ALTER TABLE "SandboxTrade" ADD COLUMN     "authCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SandboxTrade_channel_authCode_key" ON "SandboxTrade"("channel", "authCode");
