/*
 * Attachment bytes in Postgres (tables `stored_file` and `stored_file_chunk`, created by the
 * project's Prisma migration), for workers on several machines: each reads what extraction
 * stored through DATABASE_URL alone, without a shared folder. Bytes are streamed in 1 MiB
 * chunks both ways, so a 150 MB document never sits in memory whole.
 */
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { FileStore } from "./file-store";

export type SqlQueryFn = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

const CHUNK_BYTES = 1024 * 1024;

/** bytea as the driver hands it back: a Buffer or Uint8Array (pg, Prisma), never a string we did not ask for. */
function toBuffer(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`stored_file_chunk.data: expected bytes, got ${typeof value}`);
}

export class DatabaseFileStore implements FileStore {
  constructor(private readonly query: SqlQueryFn) {}

  /**
   * Chunks go under a new upload id first; one statement then points the key at it and the
   * previous upload's chunks are dropped. A crash mid-put leaves the key as it was, plus
   * unreferenced chunks that nothing reads (they are not swept yet).
   */
  async put(key: string, content: Readable): Promise<{ bytes: number; sha256: string }> {
    const upload = randomUUID();
    const hash = createHash("sha256");
    let bytes = 0;
    let part = 0;
    let pending: Buffer = Buffer.alloc(0);
    const write = async (data: Buffer) => {
      await this.query(`INSERT INTO stored_file_chunk (upload, part, data) VALUES ($1, $2, $3)`, [upload, part++, data]);
    };
    try {
      for await (const chunk of content) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(buf);
        bytes += buf.length;
        pending = pending.length === 0 ? buf : Buffer.concat([pending, buf]);
        while (pending.length >= CHUNK_BYTES) {
          await write(pending.subarray(0, CHUNK_BYTES));
          pending = pending.subarray(CHUNK_BYTES);
        }
      }
      if (pending.length > 0) await write(pending);
    } catch (error) {
      await this.query(`DELETE FROM stored_file_chunk WHERE upload = $1`, [upload]);
      throw error;
    }
    const sha256 = hash.digest("hex");
    const before = await this.query(`SELECT upload FROM stored_file WHERE key = $1`, [key]);
    await this.query(
      `INSERT INTO stored_file (key, upload, bytes, sha256, "updatedAt") VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (key) DO UPDATE SET upload = EXCLUDED.upload, bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, "updatedAt" = now()`,
      [key, upload, bytes, sha256],
    );
    // Only the upload this put replaced: a put of the same key racing this one loses, at worst,
    // its chunks to orphanhood, never a reader's bytes.
    const old = (before.rows[0] as { upload: string } | undefined)?.upload;
    if (old && old !== upload) await this.query(`DELETE FROM stored_file_chunk WHERE upload = $1`, [old]);
    return { bytes, sha256 };
  }

  async get(key: string): Promise<Readable> {
    const found = await this.query(`SELECT upload FROM stored_file WHERE key = $1`, [key]);
    const upload = (found.rows[0] as { upload: string } | undefined)?.upload;
    // As the folder store does: a missing key fails here, not later mid-stream.
    if (!upload) throw Object.assign(new Error(`no stored file ${JSON.stringify(key)}`), { code: "ENOENT" });
    const query = this.query;
    async function* chunks() {
      for (let part = 0; ; part++) {
        const r = await query(`SELECT data FROM stored_file_chunk WHERE upload = $1 AND part = $2`, [upload, part]);
        const row = r.rows[0] as { data: unknown } | undefined;
        if (!row) return;
        yield toBuffer(row.data);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async size(key: string): Promise<number | null> {
    const r = await this.query(`SELECT bytes::float8 AS bytes FROM stored_file WHERE key = $1`, [key]);
    const row = r.rows[0] as { bytes: number } | undefined;
    return row ? Number(row.bytes) : null;
  }

  async delete(key: string): Promise<void> {
    const r = await this.query(`DELETE FROM stored_file WHERE key = $1 RETURNING upload`, [key]);
    const upload = (r.rows[0] as { upload: string } | undefined)?.upload;
    if (upload) await this.query(`DELETE FROM stored_file_chunk WHERE upload = $1`, [upload]);
  }
}
