-- AlterTable
ALTER TABLE "Migration" ADD COLUMN     "failureThresholds" JSONB;
