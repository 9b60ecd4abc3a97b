-- AlterTable
ALTER TABLE "DeltaDeletion" ADD COLUMN     "snapshot" JSONB;
