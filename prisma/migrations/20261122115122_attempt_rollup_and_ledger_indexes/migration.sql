-- CreateTable
CREATE TABLE "PaymentOutcomeHourly" (
    "merchantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "slot" SMALLINT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PaymentOutcomeHourly_pkey" PRIMARY KEY ("merchantId","hour","appId","channel","currency","status","slot")
);

-- CreateIndex
CREATE INDEX "PaymentOutcomeHourly_hour_idx" ON "PaymentOutcomeHourly"("hour");

-- CreateIndex
CREATE INDEX "JournalEntry_merchantId_kind_occurredAt_id_idx" ON "JournalEntry"("merchantId", "kind", "occurredAt" DESC, "id" DESC);

-- Hand-written from here (Prisma's schema language has neither INCLUDE, partial indexes nor triggers).

-- Top failure reasons: failed attempts only, with what the table shows, read index-only.
CREATE INDEX "Payment_failed_merchantId_createdAt_idx" ON "Payment"("merchantId", "createdAt")
  INCLUDE ("channel", "currency", "failureCode", "failureMessage") WHERE "status" = 'FAILED';

-- The ledger's main index carries every column a filter or a total reads, so the totals of a filtered range
-- (status, amount, channel…) are an index-only scan; per-store pages and totals get their own covering index.
DROP INDEX "JournalEntry_merchantId_occurredAt_id_idx";
CREATE INDEX "JournalEntry_merchantId_occurredAt_id_idx" ON "JournalEntry"("merchantId", "occurredAt" DESC, "id" DESC)
  INCLUDE ("appId", "kind", "channel", "storeId", "orderStatus", "currency", "amount", "fee", "net");
CREATE INDEX "JournalEntry_merchantId_storeId_occurredAt_id_idx" ON "JournalEntry"("merchantId", "storeId", "occurredAt" DESC, "id" DESC)
  INCLUDE ("appId", "kind", "channel", "orderStatus", "currency", "amount", "fee", "net") WHERE "storeId" IS NOT NULL;

-- Attempt outcomes per hour of creation, kept in the writing transaction (docs/adr/0008).
CREATE FUNCTION payment_outcome_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_hour timestamp(3) := date_trunc('hour', NEW."createdAt");
  new_slot smallint := (abs(hashtext(NEW."attemptNo")) % 8)::smallint;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."status" = OLD."status" THEN RETURN NULL; END IF;
    -- −1 for the old status, as an upsert: readers sum over slots, so the −1 may sit in another slot than the +1.
    INSERT INTO "PaymentOutcomeHourly" ("merchantId", "appId", "channel", "currency", "status", "hour", "slot", "attempts")
    VALUES (OLD."merchantId", OLD."appId", OLD."channel", OLD."currency", OLD."status"::text, date_trunc('hour', OLD."createdAt"), new_slot, -1)
    ON CONFLICT ("merchantId", "hour", "appId", "channel", "currency", "status", "slot")
    DO UPDATE SET "attempts" = "PaymentOutcomeHourly"."attempts" - 1;
  END IF;
  INSERT INTO "PaymentOutcomeHourly" ("merchantId", "appId", "channel", "currency", "status", "hour", "slot", "attempts")
  VALUES (NEW."merchantId", NEW."appId", NEW."channel", NEW."currency", NEW."status"::text, new_hour, new_slot, 1)
  ON CONFLICT ("merchantId", "hour", "appId", "channel", "currency", "status", "slot")
  DO UPDATE SET "attempts" = "PaymentOutcomeHourly"."attempts" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER payment_outcome_rollup AFTER INSERT OR UPDATE OF "status" ON "Payment"
  FOR EACH ROW EXECUTE FUNCTION payment_outcome_rollup();

-- Backfill from the attempts so far.
INSERT INTO "PaymentOutcomeHourly" ("merchantId", "appId", "channel", "currency", "status", "hour", "slot", "attempts")
SELECT "merchantId", "appId", "channel", "currency", "status"::text, date_trunc('hour', "createdAt"), 0, count(*)
FROM "Payment" GROUP BY 1, 2, 3, 4, 5, 6, 7;
