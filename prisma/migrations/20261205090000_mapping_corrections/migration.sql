-- CreateTable
CREATE TABLE "MappingCorrection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sourceObject" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "sourceLabel" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "decision" JSONB NOT NULL,
    "proposed" JSONB NOT NULL,
    "learnedFromMigrationId" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MappingCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MappingCorrection_organizationId_sourceObject_sourceKey_ent_key" ON "MappingCorrection"("organizationId", "sourceObject", "sourceKey", "entity");
