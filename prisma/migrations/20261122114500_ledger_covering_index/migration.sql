-- Hand-written (Prisma's schema language has no INCLUDE; schema.prisma is unchanged). The ledger's main index
-- also carries every column a filter or a total reads, so the totals of a filtered range (store, status,
-- amount, channel…) are an index-only scan instead of a heap read per entry (docs/adr/0008).
DROP INDEX "JournalEntry_merchantId_occurredAt_id_idx";
CREATE INDEX "JournalEntry_merchantId_occurredAt_id_idx" ON "JournalEntry"("merchantId", "occurredAt" DESC, "id" DESC)
  INCLUDE ("appId", "kind", "channel", "storeId", "orderStatus", "currency", "amount", "fee", "net");
