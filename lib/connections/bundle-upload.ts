import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError, ValidationError } from "@/lib/server/errors";
import { bundlePath, newBundleKey } from "./bundle-store";

export const MAX_BUNDLE_BYTES = 2 * 1024 ** 3;
/** Room for the multipart envelope around the file when judging Content-Length up front. */
const ENVELOPE_BYTES = 64 * 1024;

export interface ReceivedBundle {
  key: string;
  path: string;
  name: string;
  bytes: number;
}

export class BundleTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(`The bundle is larger than ${formatLimit(maxBytes)}; split the export or contact support.`, 413, "too_large");
  }
}

/**
 * Streams the `bundle` file of a multipart POST straight to disk: never buffered whole,
 * cut off (and deleted) at `maxBytes`. Other fields and files are drained and ignored.
 */
export async function receiveBundleUpload(
  request: Request,
  migrationId: string,
  options: { root?: string; maxBytes?: number } = {},
): Promise<ReceivedBundle> {
  const maxBytes = options.maxBytes ?? MAX_BUNDLE_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw new ValidationError("Upload the bundle as a multipart form (field “bundle”)");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw new BundleTooLargeError(maxBytes);
  if (!request.body) throw new ValidationError("Choose a .zip file to upload");

  const key = newBundleKey(migrationId);
  const target = bundlePath(key, options.root);
  try {
    const name = await writeFilePart(request.body as unknown as WebReadableStream<Uint8Array>, contentType, target, maxBytes);
    return { key, path: target, name, bytes: (await stat(target)).size };
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

function writeFilePart(body: WebReadableStream<Uint8Array>, contentType: string, target: string, maxBytes: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024 } });
    let writing: Promise<string> | null = null;
    parser.on("file", (field, file, info) => {
      if (field !== "bundle" || writing) {
        file.resume();
        return;
      }
      writing = (async () => {
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(file, createWriteStream(target));
        if (file.truncated) throw new BundleTooLargeError(maxBytes);
        return path.basename(info.filename || "bundle.zip").slice(0, 200);
      })();
      // Whatever happens to the write, keep the multipart stream moving so `close` arrives.
      writing.catch(() => file.resume());
    });
    parser.on("error", (e) => reject(new ValidationError(`The upload could not be read (${e instanceof Error ? e.message : "malformed form"})`)));
    parser.on("close", () => {
      if (!writing) reject(new ValidationError("Choose a .zip file to upload (form field “bundle”)"));
      else writing.then(resolve, reject);
    });
    const source = Readable.fromWeb(body);
    source.on("error", (e) => parser.destroy(e));
    source.pipe(parser);
  });
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${bytes} bytes`;
}
