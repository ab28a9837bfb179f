-- CreateEnum
CREATE TYPE "SandboxTradeState" AS ENUM ('PENDING', 'SUCCEEDED', 'CLOSED', 'FAILED');

-- CreateEnum
CREATE TYPE "SandboxRefundState" AS ENUM ('PROCESSING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "ChannelAccount" DROP COLUMN "sandboxConfig";

-- CreateTable
CREATE TABLE "SandboxMerchant" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "channelMchId" TEXT NOT NULL,
    "channelAccountId" TEXT,
    "keysEnc" TEXT NOT NULL,
    "faults" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxMerchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxTrade" (
    "id" TEXT NOT NULL,
    "sandboxMerchantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "channelTradeNo" TEXT NOT NULL,
    "channelAppId" TEXT NOT NULL,
    "tradeType" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "subject" TEXT NOT NULL,
    "notifyUrl" TEXT NOT NULL,
    "returnUrl" TEXT,
    "state" "SandboxTradeState" NOT NULL DEFAULT 'PENDING',
    "stateDetail" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "payerId" TEXT,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxTrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxRefund" (
    "id" TEXT NOT NULL,
    "tradeId" TEXT NOT NULL,
    "outRefundNo" TEXT NOT NULL,
    "channelRefundNo" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "reason" TEXT,
    "notifyUrl" TEXT,
    "state" "SandboxRefundState" NOT NULL DEFAULT 'PROCESSING',
    "succeededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMerchant_channelAccountId_key" ON "SandboxMerchant"("channelAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMerchant_channel_channelMchId_key" ON "SandboxMerchant"("channel", "channelMchId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxTrade_channelTradeNo_key" ON "SandboxTrade"("channelTradeNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxTrade_sandboxMerchantId_outTradeNo_key" ON "SandboxTrade"("sandboxMerchantId", "outTradeNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxRefund_channelRefundNo_key" ON "SandboxRefund"("channelRefundNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxRefund_tradeId_outRefundNo_key" ON "SandboxRefund"("tradeId", "outRefundNo");

-- AddForeignKey
ALTER TABLE "SandboxTrade" ADD CONSTRAINT "SandboxTrade_sandboxMerchantId_fkey" FOREIGN KEY ("sandboxMerchantId") REFERENCES "SandboxMerchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxRefund" ADD CONSTRAINT "SandboxRefund_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "SandboxTrade"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
