import type { Readable } from "node:stream";
import yauzl from "yauzl";

/** A zip opened for random access: its entries (central directory only) and a way to stream one. */
export interface OpenZip {
  entries: ZipEntry[];
  open(entry: ZipEntry): Promise<Readable>;
  close(): void;
}

export interface ZipEntry {
  /** The name inside the archive, forward slashes. */
  name: string;
  uncompressedSize: number;
  raw: yauzl.Entry;
}

/**
 * Reads the central directory only (no entry data), so listing a 2 GB bundle is cheap.
 * Entry data is then streamed on demand, never buffered whole.
 */
export function openZip(path: string): Promise<OpenZip> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("could not open zip"));
      const entries: ZipEntry[] = [];
      zip.on("error", (e: unknown) => {
        zip.close();
        reject(e);
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName.replace(/\\/g, "/"), uncompressedSize: entry.uncompressedSize, raw: entry });
        zip.readEntry();
      });
      zip.on("end", () =>
        resolve({
          entries,
          open: (entry) =>
            new Promise<Readable>((ok, fail) => zip.openReadStream(entry.raw, (e, stream) => (e || !stream ? fail(e ?? new Error("no stream")) : ok(stream)))),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}
