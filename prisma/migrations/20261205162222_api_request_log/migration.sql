-- CreateTable
CREATE TABLE "AppRsaKey" (
    "appId" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "bits" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppRsaKey_pkey" PRIMARY KEY ("appId")
);

-- CreateTable
CREATE TABLE "ApiRequestLog" (
    "id" BIGSERIAL NOT NULL,
    "appId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "errorCode" TEXT,
    "idempotencyKey" TEXT,
    "authenticated" BOOLEAN NOT NULL,
    "signType" TEXT,
    "payOrderNo" TEXT,
    "refundNo" TEXT,
    "orderNo" TEXT,
    "requestBody" JSONB,
    "responseBody" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiRequestLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiRequestLog_appId_createdAt_idx" ON "ApiRequestLog"("appId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApiRequestLog_appId_requestId_idx" ON "ApiRequestLog"("appId", "requestId");

-- CreateIndex
CREATE INDEX "ApiRequestLog_appId_idempotencyKey_idx" ON "ApiRequestLog"("appId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ApiRequestLog_createdAt_idx" ON "ApiRequestLog"("createdAt");

-- AddForeignKey
ALTER TABLE "AppRsaKey" ADD CONSTRAINT "AppRsaKey_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
