-- CreateTable
CREATE TABLE "stored_file" (
    "key" TEXT NOT NULL,
    "upload" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_file_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "stored_file_chunk" (
    "upload" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "stored_file_chunk_pkey" PRIMARY KEY ("upload","part")
);
