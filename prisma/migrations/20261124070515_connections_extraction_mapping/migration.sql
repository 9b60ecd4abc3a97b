-- CreateEnum
CREATE TYPE "ConnectionKind" AS ENUM ('VISUAL_PRACTICE', 'FRESHSALES');

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "kind" "ConnectionKind" NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'api',
    "baseUrl" TEXT,
    "plan" TEXT,
    "secretCiphertext" TEXT,
    "bundleKey" TEXT,
    "bundleName" TEXT,
    "bundleBytes" BIGINT,
    "lastTestedAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "lastTestSummary" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtractionRun" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "watermark" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExtractionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtractionCheckpoint" (
    "runId" TEXT NOT NULL,
    "collection" TEXT NOT NULL,
    "nextPage" INTEGER NOT NULL DEFAULT 1,
    "totalPages" INTEGER,
    "totalRecords" INTEGER,
    "records" INTEGER NOT NULL DEFAULT 0,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExtractionCheckpoint_pkey" PRIMARY KEY ("runId","collection")
);

-- CreateTable
CREATE TABLE "StagedRecord" (
    "migrationId" TEXT NOT NULL,
    "collection" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3),
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "hash" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "extractedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedRecord_pkey" PRIMARY KEY ("migrationId","collection","sourceId")
);

-- CreateTable
CREATE TABLE "ExtractionProblem" (
    "id" BIGSERIAL NOT NULL,
    "migrationId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "collection" TEXT NOT NULL,
    "recordId" TEXT,
    "field" TEXT,
    "page" INTEGER,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExtractionProblem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inventory" (
    "migrationId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "profiles" JSONB NOT NULL,
    "catalogue" JSONB NOT NULL DEFAULT '[]',
    "workflows" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inventory_pkey" PRIMARY KEY ("migrationId")
);

-- CreateTable
CREATE TABLE "MappingDraft" (
    "migrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "versionHash" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MappingDraft_pkey" PRIMARY KEY ("migrationId","kind")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "versionHash" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DestinationSnapshot" (
    "migrationId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DestinationSnapshot_pkey" PRIMARY KEY ("migrationId")
);

-- CreateIndex
CREATE INDEX "Connection_organizationId_idx" ON "Connection"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_migrationId_kind_key" ON "Connection"("migrationId", "kind");

-- CreateIndex
CREATE INDEX "ExtractionRun_migrationId_createdAt_idx" ON "ExtractionRun"("migrationId", "createdAt");

-- CreateIndex
CREATE INDEX "StagedRecord_migrationId_collection_sourceUpdatedAt_idx" ON "StagedRecord"("migrationId", "collection", "sourceUpdatedAt");

-- CreateIndex
CREATE INDEX "ExtractionProblem_migrationId_runId_idx" ON "ExtractionProblem"("migrationId", "runId");

-- CreateIndex
CREATE INDEX "Approval_migrationId_kind_idx" ON "Approval"("migrationId", "kind");

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtractionRun" ADD CONSTRAINT "ExtractionRun_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtractionCheckpoint" ADD CONSTRAINT "ExtractionCheckpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ExtractionRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
