-- AlterTable
ALTER TABLE "SandboxTrade" ADD COLUMN     "profitSharing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "splitFinishedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SandboxSplitReceiver" (
    "id" TEXT NOT NULL,
    "sandboxMerchantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "name" TEXT,
    "relationType" TEXT,
    "customRelation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxSplitReceiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxSplitOrder" (
    "id" TEXT NOT NULL,
    "tradeId" TEXT NOT NULL,
    "outOrderNo" TEXT NOT NULL,
    "channelOrderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "finish" BOOLEAN NOT NULL DEFAULT false,
    "receivers" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SandboxSplitOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxSplitReturn" (
    "id" TEXT NOT NULL,
    "splitOrderId" TEXT NOT NULL,
    "outReturnNo" TEXT NOT NULL,
    "channelReturnId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "failReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SandboxSplitReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSplitReceiver_sandboxMerchantId_type_account_key" ON "SandboxSplitReceiver"("sandboxMerchantId", "type", "account");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSplitOrder_channelOrderId_key" ON "SandboxSplitOrder"("channelOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSplitOrder_tradeId_outOrderNo_key" ON "SandboxSplitOrder"("tradeId", "outOrderNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSplitReturn_channelReturnId_key" ON "SandboxSplitReturn"("channelReturnId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSplitReturn_splitOrderId_outReturnNo_key" ON "SandboxSplitReturn"("splitOrderId", "outReturnNo");

-- AddForeignKey
ALTER TABLE "SandboxSplitOrder" ADD CONSTRAINT "SandboxSplitOrder_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "SandboxTrade"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxSplitReturn" ADD CONSTRAINT "SandboxSplitReturn_splitOrderId_fkey" FOREIGN KEY ("splitOrderId") REFERENCES "SandboxSplitOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
