-- DropIndex
DROP INDEX "LedgerEntry_migrationId_state_idx";

-- DropIndex
DROP INDEX "LedgerEntry_runId_idx";

-- CreateIndex
CREATE INDEX "LedgerEntry_migrationId_state_objectType_sourceId_idx" ON "LedgerEntry"("migrationId", "state", "objectType", "sourceId");

-- CreateIndex
CREATE INDEX "LedgerEntry_runId_state_objectType_sourceId_idx" ON "LedgerEntry"("runId", "state", "objectType", "sourceId");
