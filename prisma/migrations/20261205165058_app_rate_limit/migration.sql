-- AlterTable
ALTER TABLE "App" ADD COLUMN     "rateLimitBurst" INTEGER NOT NULL DEFAULT 200,
ADD COLUMN     "rateLimitPerSecond" INTEGER DEFAULT 100;

-- CreateTable
CREATE TABLE "ApiRateBucket" (
    "appId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMPTZ(6) NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ApiRateBucket_pkey" PRIMARY KEY ("appId")
);

-- AddForeignKey
ALTER TABLE "ApiRateBucket" ADD CONSTRAINT "ApiRateBucket_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
