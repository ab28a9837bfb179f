-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "txId" xid8 NOT NULL DEFAULT pg_current_xact_id();
