-- CreateTable
CREATE TABLE "DeltaDeletion" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "destId" TEXT NOT NULL,
    "createdByRun" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeltaDeletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeltaDeletion_migrationId_status_idx" ON "DeltaDeletion"("migrationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DeltaDeletion_migrationId_objectType_sourceId_key" ON "DeltaDeletion"("migrationId", "objectType", "sourceId");
