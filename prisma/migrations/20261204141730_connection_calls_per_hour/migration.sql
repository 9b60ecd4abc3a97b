-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "callsPerHour" INTEGER;
