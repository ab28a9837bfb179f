-- A merchant-wide ledger account (MERCHANT_PAYABLE) has no channel account: make NULL count as a
-- value in the uniqueness check, so two concurrent first payments cannot open it twice
-- (PostgreSQL 15+; Prisma's schema language cannot say NULLS NOT DISTINCT, hence by hand).
DROP INDEX "LedgerAccount_merchantId_type_channelAccountId_currency_key";
CREATE UNIQUE INDEX "LedgerAccount_merchantId_type_channelAccountId_currency_key"
  ON "LedgerAccount" ("merchantId", "type", "channelAccountId", "currency") NULLS NOT DISTINCT;
