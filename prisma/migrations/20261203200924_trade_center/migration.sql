-- CreateEnum
CREATE TYPE "CouponType" AS ENUM ('amount_off', 'percent_off');

-- CreateEnum
CREATE TYPE "CouponStatus" AS ENUM ('AVAILABLE', 'LOCKED', 'USED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "WalletTopUpStatus" AS ENUM ('PENDING', 'CREDITED', 'CLOSED');

-- CreateEnum
CREATE TYPE "TradeDeductMode" AS ENUM ('lock', 'on_callback');

-- CreateEnum
CREATE TYPE "TradeStatus" AS ENUM ('PENDING', 'CONFIRMING', 'CANCELLING', 'COMPENSATING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "TradeInstrument" AS ENUM ('coupon', 'points', 'wallet', 'channel');

-- CreateEnum
CREATE TYPE "TradePartStatus" AS ENUM ('PENDING', 'LOCKED', 'CONFIRMED', 'RELEASED', 'REFUNDING', 'REFUNDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerAccountType" ADD VALUE 'BUYER_WALLET';
ALTER TYPE "LedgerAccountType" ADD VALUE 'BUYER_WALLET_FROZEN';
ALTER TYPE "LedgerAccountType" ADD VALUE 'BUYER_POINTS';
ALTER TYPE "LedgerAccountType" ADD VALUE 'BUYER_POINTS_FROZEN';
ALTER TYPE "LedgerAccountType" ADD VALUE 'POINTS_ISSUED';

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "pointsPerYuan" INTEGER NOT NULL DEFAULT 100;

-- AlterTable
ALTER TABLE "JournalEntry" ADD COLUMN     "buyerId" TEXT,
ADD COLUMN     "orderNo" TEXT,
ADD COLUMN     "tradeId" TEXT;

-- CreateTable
CREATE TABLE "BuyerAccount" (
    "merchantId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "walletBalance" BIGINT NOT NULL DEFAULT 0,
    "walletFrozen" BIGINT NOT NULL DEFAULT 0,
    "pointsBalance" BIGINT NOT NULL DEFAULT 0,
    "pointsFrozen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BuyerAccount_pkey" PRIMARY KEY ("merchantId","buyerId")
);

-- CreateTable
CREATE TABLE "Coupon" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "couponNo" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "type" "CouponType" NOT NULL,
    "value" BIGINT NOT NULL,
    "minSpend" BIGINT NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" "CouponStatus" NOT NULL DEFAULT 'AVAILABLE',
    "tradeId" TEXT,
    "usedAt" TIMESTAMP(3),
    "issuedBy" TEXT NOT NULL DEFAULT 'api',
    "batchNo" TEXT,
    "paramsHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WalletTopUp" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "topUpNo" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "payOrderNo" TEXT NOT NULL,
    "status" "WalletTopUpStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "creditedAt" TIMESTAMP(3),

    CONSTRAINT "WalletTopUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsGrant" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "grantNo" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "points" BIGINT NOT NULL,
    "reason" TEXT,
    "by" TEXT NOT NULL DEFAULT 'api',
    "paramsHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trade" (
    "tradeId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "tradeNo" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "deductMode" "TradeDeductMode" NOT NULL,
    "status" "TradeStatus" NOT NULL DEFAULT 'PENDING',
    "failureReason" TEXT,
    "payableAmount" BIGINT NOT NULL,
    "couponAmount" BIGINT NOT NULL DEFAULT 0,
    "points" BIGINT NOT NULL DEFAULT 0,
    "pointsAmount" BIGINT NOT NULL DEFAULT 0,
    "walletAmount" BIGINT NOT NULL DEFAULT 0,
    "channelAmount" BIGINT NOT NULL DEFAULT 0,
    "payOrderNo" TEXT,
    "paramsHash" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "driveCount" INTEGER NOT NULL DEFAULT 0,
    "nextDriveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Trade_pkey" PRIMARY KEY ("tradeId")
);

-- CreateTable
CREATE TABLE "TradePart" (
    "tradeId" TEXT NOT NULL,
    "partNo" INTEGER NOT NULL,
    "instrument" "TradeInstrument" NOT NULL,
    "amount" BIGINT NOT NULL,
    "points" BIGINT,
    "couponNo" TEXT,
    "payOrderNo" TEXT,
    "status" "TradePartStatus" NOT NULL,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TradePart_pkey" PRIMARY KEY ("tradeId","partNo")
);

-- CreateTable
CREATE TABLE "TradeBarrier" (
    "tradeId" TEXT NOT NULL,
    "partNo" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'done',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TradeBarrier_pkey" PRIMARY KEY ("tradeId","partNo","op")
);

-- CreateTable
CREATE TABLE "TradeStep" (
    "id" BIGSERIAL NOT NULL,
    "tradeId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "step" TEXT NOT NULL,
    "partNo" INTEGER,
    "detail" TEXT,
    "ok" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "TradeStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BuyerAccount_merchantId_updatedAt_idx" ON "BuyerAccount"("merchantId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Coupon_merchantId_buyerId_status_idx" ON "Coupon"("merchantId", "buyerId", "status");

-- CreateIndex
CREATE INDEX "Coupon_merchantId_createdAt_idx" ON "Coupon"("merchantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Coupon_status_expiresAt_idx" ON "Coupon"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Coupon_appId_couponNo_key" ON "Coupon"("appId", "couponNo");

-- CreateIndex
CREATE UNIQUE INDEX "WalletTopUp_payOrderNo_key" ON "WalletTopUp"("payOrderNo");

-- CreateIndex
CREATE INDEX "WalletTopUp_merchantId_buyerId_createdAt_idx" ON "WalletTopUp"("merchantId", "buyerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "WalletTopUp_appId_topUpNo_key" ON "WalletTopUp"("appId", "topUpNo");

-- CreateIndex
CREATE INDEX "PointsGrant_merchantId_buyerId_createdAt_idx" ON "PointsGrant"("merchantId", "buyerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PointsGrant_appId_grantNo_key" ON "PointsGrant"("appId", "grantNo");

-- CreateIndex
CREATE UNIQUE INDEX "Trade_payOrderNo_key" ON "Trade"("payOrderNo");

-- CreateIndex
CREATE INDEX "Trade_orderNo_createdAt_idx" ON "Trade"("orderNo", "createdAt");

-- CreateIndex
CREATE INDEX "Trade_status_nextDriveAt_idx" ON "Trade"("status", "nextDriveAt");

-- CreateIndex
CREATE INDEX "Trade_merchantId_buyerId_createdAt_idx" ON "Trade"("merchantId", "buyerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Trade_appId_tradeNo_key" ON "Trade"("appId", "tradeNo");

-- CreateIndex
CREATE INDEX "TradeStep_tradeId_at_idx" ON "TradeStep"("tradeId", "at");

-- CreateIndex
CREATE INDEX "JournalEntry_merchantId_buyerId_occurredAt_id_idx" ON "JournalEntry"("merchantId", "buyerId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "JournalEntry_tradeId_idx" ON "JournalEntry"("tradeId");

-- AddForeignKey
ALTER TABLE "TradePart" ADD CONSTRAINT "TradePart_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "Trade"("tradeId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TradeStep" ADD CONSTRAINT "TradeStep_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "Trade"("tradeId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language cannot say these; docs/adr/0015).
-- A buyer's spendable value never goes below zero, whatever the code does: every change is a guarded
-- UPDATE, and these constraints refuse the one that is not.
ALTER TABLE "BuyerAccount" ADD CONSTRAINT "BuyerAccount_wallet_covered" CHECK ("walletFrozen" >= 0 AND "walletBalance" - "walletFrozen" >= 0);
ALTER TABLE "BuyerAccount" ADD CONSTRAINT "BuyerAccount_points_covered" CHECK ("pointsFrozen" >= 0 AND "pointsBalance" - "pointsFrozen" >= 0);
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_value_range" CHECK (("type" = 'amount_off' AND "value" >= 1) OR ("type" = 'percent_off' AND "value" BETWEEN 1 AND 99));
ALTER TABLE "TradePart" ADD CONSTRAINT "TradePart_amounts" CHECK ("amount" >= 0 AND "refundedAmount" >= 0 AND "refundedAmount" <= "amount");
-- At most one trade of an order is open at a time (TRADE_IN_PROGRESS), also under a race.
CREATE UNIQUE INDEX "Trade_one_open_per_order" ON "Trade" ("orderNo") WHERE "status" IN ('PENDING', 'CONFIRMING', 'CANCELLING');
-- The sentinel's scan: only trades that have not ended.
CREATE INDEX "Trade_open_due" ON "Trade" ("nextDriveAt") WHERE "endedAt" IS NULL;
