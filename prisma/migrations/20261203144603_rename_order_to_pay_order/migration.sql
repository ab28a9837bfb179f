-- The payment center's `Order` is a pay order (支付单): rename it so that `Order` is free for the order center.
-- A rename, not drop + create: the rows, the foreign keys pointing at it and the statistics all stay.
ALTER TYPE "OrderStatus" RENAME TO "PayOrderStatus";
ALTER TABLE "Order" RENAME TO "PayOrder";
ALTER TABLE "PayOrder" RENAME CONSTRAINT "Order_pkey" TO "PayOrder_pkey";
ALTER TABLE "PayOrder" RENAME CONSTRAINT "Order_merchantId_fkey" TO "PayOrder_merchantId_fkey";
ALTER TABLE "PayOrder" RENAME CONSTRAINT "Order_appId_fkey" TO "PayOrder_appId_fkey";
ALTER INDEX "Order_merchantId_createdAt_idx" RENAME TO "PayOrder_merchantId_createdAt_idx";
ALTER INDEX "Order_appId_status_createdAt_idx" RENAME TO "PayOrder_appId_status_createdAt_idx";
ALTER INDEX "Order_status_expiresAt_idx" RENAME TO "PayOrder_status_expiresAt_idx";
ALTER INDEX "Order_channelTradeNo_idx" RENAME TO "PayOrder_channelTradeNo_idx";
ALTER INDEX "Order_appId_mchOrderNo_key" RENAME TO "PayOrder_appId_mchOrderNo_key";
