-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "dryRunId" TEXT;

-- CreateTable
CREATE TABLE "DryRun" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "summary" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DryRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DryRunRecord" (
    "dryRunId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "flags" TEXT,

    CONSTRAINT "DryRunRecord_pkey" PRIMARY KEY ("dryRunId","objectType","sourceId")
);

-- CreateIndex
CREATE INDEX "DryRun_migrationId_createdAt_idx" ON "DryRun"("migrationId", "createdAt");
