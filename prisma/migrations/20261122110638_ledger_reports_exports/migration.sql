-- CreateEnum
CREATE TYPE "DataExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- DropIndex
DROP INDEX "JournalEntry_merchantId_occurredAt_idx";

-- DropIndex
DROP INDEX "JournalEntry_appId_occurredAt_idx";

-- AlterTable (hand-edited: channel and channelAccountId are added nullable, backfilled, then made NOT NULL)
ALTER TABLE "JournalEntry" ADD COLUMN     "amount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "channel" TEXT,
ADD COLUMN     "channelAccountId" TEXT,
ADD COLUMN     "channelTradeNo" TEXT,
ADD COLUMN     "fee" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "mchOrderNo" TEXT,
ADD COLUMN     "mode" TEXT,
ADD COLUMN     "net" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "orderStatus" TEXT,
ADD COLUMN     "storeId" TEXT,
ADD COLUMN     "subsidy" BIGINT NOT NULL DEFAULT 0;

-- Backfill (hand-written): the ledger row of every entry posted so far, from its attempt, order and refund.
UPDATE "JournalEntry" je SET
  "channel" = p."channel",
  "channelAccountId" = p."channelAccountId",
  "mode" = p."mode",
  "mchOrderNo" = o."mchOrderNo",
  "channelTradeNo" = p."channelTradeNo",
  "storeId" = left(COALESCE(o."metadata"->>'storeId', o."metadata"->>'store'), 64),
  "orderStatus" = o."status"::text,
  "amount" = p."amount",
  "fee" = COALESCE(p."feeAmount", 0),
  "subsidy" = (p."amount" * ca."subsidyBps" + 5000) / 10000
FROM "Payment" p
JOIN "Order" o ON o."payOrderNo" = p."payOrderNo"
JOIN "ChannelAccount" ca ON ca."id" = p."channelAccountId"
WHERE je."refundNo" IS NULL AND p."attemptNo" = je."attemptNo";

UPDATE "JournalEntry" je SET
  "channel" = p."channel",
  "channelAccountId" = p."channelAccountId",
  "mode" = p."mode",
  "mchOrderNo" = o."mchOrderNo",
  "channelTradeNo" = p."channelTradeNo",
  "storeId" = left(COALESCE(o."metadata"->>'storeId', o."metadata"->>'store'), 64),
  "orderStatus" = o."status"::text,
  "amount" = -r."amount",
  "fee" = -COALESCE(r."feeRefundAmount", 0),
  "subsidy" = -(((p."amount" * ca."subsidyBps" + 5000) / 10000) * r."amount" / p."amount")
FROM "Refund" r
JOIN "Payment" p ON p."attemptNo" = r."attemptNo"
JOIN "Order" o ON o."payOrderNo" = r."payOrderNo"
JOIN "ChannelAccount" ca ON ca."id" = p."channelAccountId"
WHERE r."refundNo" = je."refundNo";

UPDATE "JournalEntry" SET "net" = "amount" - "fee";
ALTER TABLE "JournalEntry" ALTER COLUMN "channel" SET NOT NULL, ALTER COLUMN "channelAccountId" SET NOT NULL;

-- CreateTable
CREATE TABLE "LedgerRollupHourly" (
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "slot" SMALLINT NOT NULL,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "fee" BIGINT NOT NULL DEFAULT 0,
    "net" BIGINT NOT NULL DEFAULT 0,
    "subsidy" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "LedgerRollupHourly_pkey" PRIMARY KEY ("merchantId","hour","appId","channelAccountId","kind","currency","slot")
);

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "filters" JSONB NOT NULL,
    "status" "DataExportStatus" NOT NULL DEFAULT 'QUEUED',
    "totalRows" INTEGER,
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "fileName" TEXT,
    "byteSize" BIGINT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerRollupHourly_appId_hour_idx" ON "LedgerRollupHourly"("appId", "hour");

-- CreateIndex
CREATE INDEX "LedgerRollupHourly_hour_idx" ON "LedgerRollupHourly"("hour");

-- CreateIndex
CREATE INDEX "DataExport_merchantId_requestedById_createdAt_idx" ON "DataExport"("merchantId", "requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "DataExport_expiresAt_idx" ON "DataExport"("expiresAt");

-- CreateIndex
CREATE INDEX "JournalEntry_merchantId_occurredAt_id_idx" ON "JournalEntry"("merchantId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "JournalEntry_appId_occurredAt_id_idx" ON "JournalEntry"("appId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "JournalEntry_merchantId_mchOrderNo_idx" ON "JournalEntry"("merchantId", "mchOrderNo");

-- CreateIndex
CREATE INDEX "JournalEntry_refundNo_idx" ON "JournalEntry"("refundNo");

-- CreateIndex
CREATE INDEX "JournalEntry_merchantId_channelTradeNo_idx" ON "JournalEntry"("merchantId", "channelTradeNo");

-- Backfill the hourly rollup from the journal (hand-written).
INSERT INTO "LedgerRollupHourly" ("merchantId", "appId", "channelAccountId", "channel", "kind", "currency", "hour", "slot", "entries", "amount", "fee", "net", "subsidy")
SELECT "merchantId", "appId", "channelAccountId", "channel", "kind", "currency", date_trunc('hour', "occurredAt"), 0,
       count(*), sum("amount"), sum("fee"), sum("net"), sum("subsidy")
FROM "JournalEntry"
GROUP BY 1, 2, 3, 4, 5, 6, 7;
