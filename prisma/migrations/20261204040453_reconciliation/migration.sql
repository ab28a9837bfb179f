-- CreateEnum
CREATE TYPE "ReconRunStatus" AS ENUM ('QUEUED', 'DOWNLOADING', 'MATCHING', 'REPAIRING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReconDifferenceType" AS ENUM ('MISSING_LOCAL', 'MISSING_CHANNEL', 'AMOUNT_MISMATCH', 'FEE_MISMATCH', 'STATUS_MISMATCH');

-- CreateEnum
CREATE TYPE "ReconDifferenceStatus" AS ENUM ('EXPECTED', 'OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ReconResolution" AS ENUM ('MATCHED_LATER', 'REPAIRED_BY_QUERY', 'FEE_ADJUSTED', 'ACCEPTED_CHANNEL', 'WRITTEN_OFF', 'EXPLAINED');

-- AlterEnum
ALTER TYPE "LedgerAccountType" ADD VALUE 'RECON_WRITE_OFFS';

-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN     "reconEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "reconHour" SMALLINT NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "JournalEntry" ADD COLUMN     "reconBillDate" DATE;

-- CreateTable
CREATE TABLE "ReconRun" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "billDate" DATE NOT NULL,
    "status" "ReconRunStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL,
    "requestedById" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "billDigest" TEXT,
    "billRows" INTEGER NOT NULL DEFAULT 0,
    "billPaymentCount" INTEGER NOT NULL DEFAULT 0,
    "billPaymentAmount" BIGINT NOT NULL DEFAULT 0,
    "billRefundCount" INTEGER NOT NULL DEFAULT 0,
    "billRefundAmount" BIGINT NOT NULL DEFAULT 0,
    "billFee" BIGINT NOT NULL DEFAULT 0,
    "localPaymentCount" INTEGER NOT NULL DEFAULT 0,
    "localPaymentAmount" BIGINT NOT NULL DEFAULT 0,
    "localRefundCount" INTEGER NOT NULL DEFAULT 0,
    "localRefundAmount" BIGINT NOT NULL DEFAULT 0,
    "localFee" BIGINT NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "missingLocal" INTEGER NOT NULL DEFAULT 0,
    "missingChannel" INTEGER NOT NULL DEFAULT 0,
    "amountMismatch" INTEGER NOT NULL DEFAULT 0,
    "feeMismatch" INTEGER NOT NULL DEFAULT 0,
    "statusMismatch" INTEGER NOT NULL DEFAULT 0,
    "expected" INTEGER NOT NULL DEFAULT 0,
    "repaired" INTEGER NOT NULL DEFAULT 0,
    "openDifferences" INTEGER NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMP(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconDifference" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "billDate" DATE NOT NULL,
    "type" "ReconDifferenceType" NOT NULL,
    "status" "ReconDifferenceStatus" NOT NULL,
    "kind" TEXT NOT NULL,
    "outNo" TEXT NOT NULL,
    "outTradeNo" TEXT,
    "payOrderNo" TEXT,
    "refundNo" TEXT,
    "currency" CHAR(3) NOT NULL,
    "channelTradeNo" TEXT,
    "channelAmount" BIGINT,
    "channelFee" BIGINT,
    "channelState" TEXT,
    "channelAt" TIMESTAMP(3),
    "journalEntryId" BIGINT,
    "localAmount" BIGINT,
    "localFee" BIGINT,
    "localState" TEXT,
    "localAt" TIMESTAMP(3),
    "assigneeId" TEXT,
    "resolution" "ReconResolution",
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "adjustmentEntryId" BIGINT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconDifference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconComment" (
    "id" TEXT NOT NULL,
    "differenceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconRun_merchantId_billDate_idx" ON "ReconRun"("merchantId", "billDate" DESC);

-- CreateIndex
CREATE INDEX "ReconRun_appId_billDate_idx" ON "ReconRun"("appId", "billDate" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ReconRun_channelAccountId_billDate_key" ON "ReconRun"("channelAccountId", "billDate");

-- CreateIndex
CREATE INDEX "ReconDifference_merchantId_status_billDate_idx" ON "ReconDifference"("merchantId", "status", "billDate" DESC);

-- CreateIndex
CREATE INDEX "ReconDifference_runId_status_idx" ON "ReconDifference"("runId", "status");

-- CreateIndex
CREATE INDEX "ReconDifference_channelAccountId_billDate_status_idx" ON "ReconDifference"("channelAccountId", "billDate", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReconDifference_channelAccountId_kind_outNo_key" ON "ReconDifference"("channelAccountId", "kind", "outNo");

-- CreateIndex
CREATE INDEX "ReconComment_differenceId_createdAt_idx" ON "ReconComment"("differenceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReconDifference" ADD CONSTRAINT "ReconDifference_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconComment" ADD CONSTRAINT "ReconComment_differenceId_fkey" FOREIGN KEY ("differenceId") REFERENCES "ReconDifference"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A Beijing hour of the day.
ALTER TABLE "ChannelAccount" ADD CONSTRAINT "ChannelAccount_reconHour_check" CHECK ("reconHour" BETWEEN 0 AND 23);
