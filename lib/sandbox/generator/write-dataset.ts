import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { COLLECTIONS, type Collection, type GeneratorConfig } from "./config";
import { Dataset } from "./dataset";
import { manifestEntry } from "./manifest";
import { attachmentContent } from "./records-attachments";

export interface WriteOptions {
  /** Write attachment bytes into `attachments/` (default true). */
  attachmentContent?: boolean;
}

export interface WriteSummary {
  dir: string;
  counts: Record<Collection, number>;
  manifestEntries: number;
  attachmentBytes: number;
}

const FLUSH_AT = 1 << 20;

/** Buffers lines and honours back-pressure, so memory stays flat at any dataset size. */
class LineWriter {
  private buffer = "";
  constructor(private readonly out: WriteStream) {}

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.out.write(this.buffer);
    this.buffer = "";
    if (!ok) await once(this.out, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, "finish");
  }
}

/**
 * Streams the dataset into `dir`: `<collection>.jsonl` per collection (list order), the
 * manifest `manifest.jsonl`, and `attachments/<attachment id>` with each file's bytes.
 */
export async function writeDataset(config: GeneratorConfig | Dataset, dir: string, options: WriteOptions = {}): Promise<WriteSummary> {
  const ds = config instanceof Dataset ? config : new Dataset(config);
  await mkdir(dir, { recursive: true });
  const manifest = new LineWriter(createWriteStream(join(dir, "manifest.jsonl")));
  let manifestEntries = 0;
  let attachmentBytes = 0;
  const withContent = options.attachmentContent ?? true;
  if (withContent) await mkdir(join(dir, "attachments"), { recursive: true });
  for (const collection of COLLECTIONS) {
    const out = new LineWriter(createWriteStream(join(dir, `${collection}.jsonl`)));
    const n = ds.count(collection);
    for (let i = 0; i < n; i++) {
      const record = ds.record(collection, i);
      await out.line(JSON.stringify(record));
      const entry = manifestEntry(ds, collection, i, record);
      if (entry) {
        manifestEntries++;
        await manifest.line(JSON.stringify(entry));
      }
      if (collection === "attachments" && withContent) {
        const size = Number(record.size_bytes);
        const bytes = attachmentContent(ds, record.id, size, String(record.content_type));
        await pipeline(bytes, createWriteStream(join(dir, "attachments", record.id)));
        attachmentBytes += size;
      }
    }
    await out.close();
  }
  await manifest.close();
  return { dir, counts: { ...ds.config.counts }, manifestEntries, attachmentBytes };
}
