-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "storeIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
