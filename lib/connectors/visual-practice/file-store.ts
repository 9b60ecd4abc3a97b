import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Where attachment bytes live between extraction and upload; streamed both ways. */
export interface FileStore {
  /** Stores the stream under `key` (replacing any previous content) and reports what was stored. */
  put(key: string, content: Readable): Promise<{ bytes: number; sha256: string }>;
  get(key: string): Promise<Readable>;
  /** Size in bytes, or null when nothing is stored under `key`. */
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

/** Keys are slash-separated names such as `mig_1/attachments/a_42`; nothing may climb out. */
function checkedKey(key: string): string[] {
  const parts = key.split("/");
  if (key === "" || parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\\") || p.includes("\u0000"))) {
    throw new Error(`invalid file store key: ${JSON.stringify(key)}`);
  }
  return parts;
}

/** A folder on local disk. Writes go to a temporary file renamed into place, so a crash mid-copy leaves no partial file under the key. */
export class LocalFolderFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathFor(key: string): string {
    return path.join(this.root, ...checkedKey(key));
  }

  async put(key: string, content: Readable): Promise<{ bytes: number; sha256: string }> {
    const target = this.pathFor(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    const hash = createHash("sha256");
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, meter, createWriteStream(temp));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { bytes, sha256: hash.digest("hex") };
  }

  async get(key: string): Promise<Readable> {
    const target = this.pathFor(key);
    await stat(target); // missing keys fail here with ENOENT, not later mid-stream
    return createReadStream(target);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathFor(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }
}
