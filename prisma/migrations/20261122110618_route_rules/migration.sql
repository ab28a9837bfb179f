-- AlterTable
ALTER TABLE "App" ADD COLUMN     "routeVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "RouteRule" ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "payLatencyMs" INTEGER,
ADD COLUMN     "payOutcome" TEXT,
ADD COLUMN     "routeDecision" JSONB;

-- CreateTable
CREATE TABLE "ChannelBreaker" (
    "channelAccountId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'CLOSED',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelBreaker_pkey" PRIMARY KEY ("channelAccountId","mode")
);

-- AddForeignKey
ALTER TABLE "ChannelBreaker" ADD CONSTRAINT "ChannelBreaker_channelAccountId_fkey" FOREIGN KEY ("channelAccountId") REFERENCES "ChannelAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: exactly one default rule per app, and one for every existing app
-- (every account of the app, highest priority first: what routing did before rules existed).
CREATE UNIQUE INDEX "RouteRule_one_default_per_app" ON "RouteRule" ("appId") WHERE "isDefault";

INSERT INTO "RouteRule" (id, "merchantId", "appId", position, name, enabled, "isDefault", conditions, strategy, params, targets, "updatedAt")
SELECT gen_random_uuid()::text, a."merchantId", a.id, 1000000, 'Default', true, true, '{}'::jsonb, 'fixed', '{}'::jsonb, '[]'::jsonb, CURRENT_TIMESTAMP
FROM "App" a
WHERE NOT EXISTS (SELECT 1 FROM "RouteRule" r WHERE r."appId" = a.id AND r."isDefault");
