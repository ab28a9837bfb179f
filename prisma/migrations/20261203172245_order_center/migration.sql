-- CreateEnum
CREATE TYPE "PayOrderPurpose" AS ENUM ('full', 'deposit', 'balance', 'trade', 'top_up');

-- CreateEnum
CREATE TYPE "OrderType" AS ENUM ('standard', 'presale', 'custom', 'points');

-- CreateEnum
CREATE TYPE "OrderFlow" AS ENUM ('standard', 'custom_home');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING_PAYMENT', 'DEPOSIT_PAID', 'PAID', 'TO_MEASURE', 'TO_DESIGN', 'IN_PRODUCTION', 'TO_SHIP', 'SHIPPED', 'TO_INSTALL', 'TO_ACCEPT', 'TO_RECEIVE', 'COMPLETED', 'CANCELLED', 'SPLIT');

-- CreateEnum
CREATE TYPE "OrderCancelReason" AS ENUM ('payment_timeout', 'balance_timeout', 'requested');

-- CreateEnum
CREATE TYPE "AfterSaleType" AS ENUM ('return', 'refund_only');

-- CreateEnum
CREATE TYPE "AfterSaleStatus" AS ENUM ('PENDING_REVIEW', 'REFUNDING', 'REFUNDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "OrderImportStatus" AS ENUM ('RUNNING', 'SUCCEEDED');

-- AlterEnum
ALTER TYPE "MemberRole" ADD VALUE 'DEALER';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "storeIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "autoCompleteDays" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "orderFlows" "OrderFlow"[] DEFAULT ARRAY['standard', 'custom_home']::"OrderFlow"[],
ADD COLUMN     "shipWithinHours" INTEGER DEFAULT 48;

-- AlterTable
ALTER TABLE "PayOrder" ADD COLUMN     "orderNo" TEXT,
ADD COLUMN     "purpose" "PayOrderPurpose";

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "afterSaleId" TEXT,
ADD COLUMN     "orderNo" TEXT;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "orderNo" TEXT;

-- CreateTable
CREATE TABLE "Order" (
    "orderNo" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "sourceOrderNo" TEXT NOT NULL,
    "type" "OrderType" NOT NULL,
    "scene" TEXT NOT NULL,
    "storeId" TEXT,
    "flow" "OrderFlow" NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "buyerId" TEXT NOT NULL,
    "buyerName" TEXT,
    "buyerPhone" TEXT,
    "currency" CHAR(3) NOT NULL DEFAULT 'CNY',
    "discountAmount" BIGINT NOT NULL DEFAULT 0,
    "shippingAmount" BIGINT NOT NULL DEFAULT 0,
    "payableAmount" BIGINT NOT NULL,
    "paidAmount" BIGINT NOT NULL DEFAULT 0,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "depositAmount" BIGINT,
    "balanceDueAt" TIMESTAMP(3),
    "depositRefundable" BOOLEAN,
    "shippingAddress" JSONB,
    "expireInSeconds" INTEGER NOT NULL DEFAULT 1800,
    "payBy" TIMESTAMP(3),
    "openPayment" BOOLEAN NOT NULL DEFAULT true,
    "notifyUrl" TEXT,
    "metadata" JSONB,
    "paramsHash" TEXT NOT NULL,
    "cancelReason" "OrderCancelReason",
    "cancelNote" TEXT,
    "parentOrderNo" TEXT,
    "importId" TEXT,
    "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),
    "shipBy" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("orderNo")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'stock',

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderTimelineEntry" (
    "id" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "carrier" TEXT,
    "trackingNo" TEXT,

    CONSTRAINT "OrderTimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfterSale" (
    "afterSaleId" TEXT NOT NULL,
    "afterSaleNo" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,
    "type" "AfterSaleType" NOT NULL,
    "amount" BIGINT NOT NULL,
    "refundedAmount" BIGINT NOT NULL DEFAULT 0,
    "lines" JSONB,
    "reason" TEXT,
    "status" "AfterSaleStatus" NOT NULL DEFAULT 'PENDING_REVIEW',
    "rejectReason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "paramsHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AfterSale_pkey" PRIMARY KEY ("afterSaleId")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "shipmentNo" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "carrier" TEXT,
    "trackingNo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("shipmentNo")
);

-- CreateTable
CREATE TABLE "ShipmentOrder" (
    "shipmentNo" TEXT NOT NULL,
    "orderNo" TEXT NOT NULL,

    CONSTRAINT "ShipmentOrder_pkey" PRIMARY KEY ("shipmentNo","orderNo")
);

-- CreateTable
CREATE TABLE "OrderImport" (
    "importId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "status" "OrderImportStatus" NOT NULL DEFAULT 'RUNNING',
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "items" JSONB,
    "total" INTEGER NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OrderImport_pkey" PRIMARY KEY ("importId")
);

-- CreateTable
CREATE TABLE "OrderView" (
    "id" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Order_appId_placedAt_orderNo_idx" ON "Order"("appId", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_appId_buyerId_placedAt_orderNo_idx" ON "Order"("appId", "buyerId", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_appId_storeId_placedAt_orderNo_idx" ON "Order"("appId", "storeId", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_appId_scene_placedAt_orderNo_idx" ON "Order"("appId", "scene", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_appId_type_placedAt_orderNo_idx" ON "Order"("appId", "type", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_appId_status_placedAt_orderNo_idx" ON "Order"("appId", "status", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_merchantId_placedAt_orderNo_idx" ON "Order"("merchantId", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_merchantId_storeId_placedAt_orderNo_idx" ON "Order"("merchantId", "storeId", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "Order_parentOrderNo_idx" ON "Order"("parentOrderNo");

-- CreateIndex
CREATE INDEX "Order_status_payBy_idx" ON "Order"("status", "payBy");

-- CreateIndex
CREATE INDEX "Order_status_balanceDueAt_idx" ON "Order"("status", "balanceDueAt");

-- CreateIndex
CREATE INDEX "Order_status_statusAt_idx" ON "Order"("status", "statusAt");

-- CreateIndex
CREATE INDEX "Order_status_shipBy_idx" ON "Order"("status", "shipBy");

-- CreateIndex
CREATE UNIQUE INDEX "Order_appId_sourceOrderNo_key" ON "Order"("appId", "sourceOrderNo");

-- CreateIndex
CREATE INDEX "OrderLine_appId_sku_placedAt_orderNo_idx" ON "OrderLine"("appId", "sku", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE INDEX "OrderLine_merchantId_sku_placedAt_orderNo_idx" ON "OrderLine"("merchantId", "sku", "placedAt" DESC, "orderNo" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_orderNo_lineNo_key" ON "OrderLine"("orderNo", "lineNo");

-- CreateIndex
CREATE INDEX "OrderTimelineEntry_orderNo_at_idx" ON "OrderTimelineEntry"("orderNo", "at");

-- CreateIndex
CREATE INDEX "AfterSale_orderNo_idx" ON "AfterSale"("orderNo");

-- CreateIndex
CREATE INDEX "AfterSale_merchantId_status_createdAt_idx" ON "AfterSale"("merchantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AfterSale_appId_afterSaleNo_key" ON "AfterSale"("appId", "afterSaleNo");

-- CreateIndex
CREATE INDEX "Shipment_appId_createdAt_idx" ON "Shipment"("appId", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentOrder_orderNo_idx" ON "ShipmentOrder"("orderNo");

-- CreateIndex
CREATE INDEX "OrderImport_appId_createdAt_idx" ON "OrderImport"("appId", "createdAt");

-- CreateIndex
CREATE INDEX "OrderImport_merchantId_createdAt_idx" ON "OrderImport"("merchantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderView_merchantId_userId_name_key" ON "OrderView"("merchantId", "userId", "name");

-- CreateIndex
CREATE INDEX "PayOrder_orderNo_idx" ON "PayOrder"("orderNo");

-- CreateIndex
CREATE INDEX "Refund_orderNo_idx" ON "Refund"("orderNo");

-- CreateIndex
CREATE INDEX "Refund_afterSaleId_idx" ON "Refund"("afterSaleId");

-- CreateIndex
CREATE INDEX "Event_orderNo_idx" ON "Event"("orderNo");

-- AddForeignKey
ALTER TABLE "PayOrder" ADD CONSTRAINT "PayOrder_orderNo_fkey" FOREIGN KEY ("orderNo") REFERENCES "Order"("orderNo") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_afterSaleId_fkey" FOREIGN KEY ("afterSaleId") REFERENCES "AfterSale"("afterSaleId") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_parentOrderNo_fkey" FOREIGN KEY ("parentOrderNo") REFERENCES "Order"("orderNo") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderNo_fkey" FOREIGN KEY ("orderNo") REFERENCES "Order"("orderNo") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTimelineEntry" ADD CONSTRAINT "OrderTimelineEntry_orderNo_fkey" FOREIGN KEY ("orderNo") REFERENCES "Order"("orderNo") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSale" ADD CONSTRAINT "AfterSale_orderNo_fkey" FOREIGN KEY ("orderNo") REFERENCES "Order"("orderNo") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentOrder" ADD CONSTRAINT "ShipmentOrder_shipmentNo_fkey" FOREIGN KEY ("shipmentNo") REFERENCES "Shipment"("shipmentNo") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShipmentOrder" ADD CONSTRAINT "ShipmentOrder_orderNo_fkey" FOREIGN KEY ("orderNo") REFERENCES "Order"("orderNo") ON DELETE CASCADE ON UPDATE CASCADE;
