-- AlterEnum
ALTER TYPE "MemberRole" ADD VALUE 'CASHIER';

-- CreateTable
CREATE TABLE "StaticQrCode" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "storeId" TEXT,
    "name" TEXT NOT NULL,
    "amount" BIGINT,
    "currency" CHAR(3) NOT NULL DEFAULT 'CNY',
    "subject" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaticQrCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaticQrCode_code_key" ON "StaticQrCode"("code");

-- CreateIndex
CREATE INDEX "StaticQrCode_merchantId_createdAt_idx" ON "StaticQrCode"("merchantId", "createdAt");

-- CreateIndex
CREATE INDEX "StaticQrCode_appId_idx" ON "StaticQrCode"("appId");

-- AddForeignKey
ALTER TABLE "StaticQrCode" ADD CONSTRAINT "StaticQrCode_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaticQrCode" ADD CONSTRAINT "StaticQrCode_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
