import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { FreshsalesConnection } from "./connection";
import { FreshsalesFileTooLargeError, FreshsalesNotFoundError, FreshsalesOutcomeUnknownError } from "./errors";
import { asObject, FS_ENTITIES, toId, unwrapList, type FsEntity, type FsTargetableType } from "./wire";
import { MalformedResponseError } from "../http/http-errors";

export const MAX_DOCUMENT_BYTES = 150 * 1024 * 1024;

export interface FsDocument {
  id: number;
  name: string | undefined;
  contentType: string | undefined;
  size: number | undefined;
  url: string | undefined;
  targetableType: string | undefined;
  targetableId: number | undefined;
}

export interface UploadDocumentInput {
  /** The bytes. A factory lets a rate-limited attempt be sent again; a bare stream is sent once. */
  content: Readable | (() => Readable);
  /** Exact size in bytes; it sets Content-Length and is checked against the 150 MB limit first. */
  size: number;
  fileName: string;
  contentType?: string;
  targetableType: FsTargetableType;
  targetableId: number;
  isShared?: boolean;
}

function quote(value: string): string {
  return value.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
}

/** The multipart body as a stream: text parts, the file streamed through, the closing line. */
function multipart(input: UploadDocumentInput, file: Readable): { stream: Readable; headers: Record<string, string> } {
  const boundary = `----fs-${randomBytes(12).toString("hex")}`;
  const fields: [string, string][] = [
    ["file_name", input.fileName],
    ["is_shared", String(input.isShared ?? true)],
    ["targetable_id", String(input.targetableId)],
    ["targetable_type", input.targetableType],
  ];
  const head = Buffer.from(
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(input.fileName)}"\r\n` +
      `Content-Type: ${input.contentType ?? "application/octet-stream"}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const expected = input.size;
  async function* parts() {
    yield head;
    let sent = 0;
    for await (const chunk of file) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      sent += buf.length;
      if (sent > expected) throw new Error(`${input.fileName}: stream is longer than the declared ${expected} bytes`);
      yield buf;
    }
    if (sent !== expected) throw new Error(`${input.fileName}: stream ended after ${sent} of ${expected} bytes`);
    yield tail;
  }
  return {
    stream: Readable.from(parts(), { objectMode: false }),
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(head.length + expected + tail.length),
    },
  };
}

function toDocument(raw: unknown): FsDocument | undefined {
  const d = asObject(raw);
  const id = toId(d?.id);
  if (!d || id === undefined) return undefined;
  const s = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    id,
    name: s(d.name) ?? s(d.file_name),
    contentType: s(d.content_type),
    size: typeof d.size === "number" ? d.size : undefined,
    url: s(d.url),
    targetableType: s(d.targetable_type),
    targetableId: toId(d.targetable_id),
  };
}

/** Uploads one file, streamed; a file over 150 MB is refused before anything is sent. */
export async function uploadDocument(conn: FreshsalesConnection, input: UploadDocumentInput): Promise<FsDocument> {
  if (input.size > MAX_DOCUMENT_BYTES) {
    if (input.content instanceof Readable) input.content.destroy();
    throw new FreshsalesFileTooLargeError(input.fileName, input.size, MAX_DOCUMENT_BYTES);
  }
  let used = false;
  const { content } = input;
  const { body } = await conn.request("POST", "documents", {
    body: () => {
      if (content instanceof Readable) {
        if (used) throw new Error(`${input.fileName}: the stream was already sent once; pass a factory to allow a retry`);
        used = true;
        return multipart(input, content);
      }
      return multipart(input, content());
    },
  });
  // Both documented answers: `{id, msg, url}` and `{document: {...}}`. Neither (an empty or
  // id-less 2xx) does not say whether the file was stored: the caller's lookup settles it.
  const doc = toDocument(asObject(body)?.document) ?? toDocument(body);
  if (!doc) throw new FreshsalesOutcomeUnknownError("POST", "documents", new MalformedResponseError("POST documents", "no document id in the answer"));
  return { ...doc, url: doc.url ?? (typeof asObject(body)?.url === "string" ? (asObject(body)?.url as string) : undefined) };
}

/** Deletes a document (rollback); false when it was already gone. */
export async function deleteDocument(conn: FreshsalesConnection, id: number): Promise<boolean> {
  try {
    await conn.request("DELETE", `documents/${id}`);
    return true;
  } catch (error) {
    if (error instanceof FreshsalesNotFoundError) return false;
    throw error;
  }
}

/** Documents attached to one record, e.g. to find a file by its source-id marker after a crash. */
export async function listDocumentAssociations(conn: FreshsalesConnection, entity: FsEntity, id: number): Promise<FsDocument[]> {
  const { body } = await conn.request("GET", `${FS_ENTITIES[entity].plural}/${id}/document_associations`);
  const list = unwrapList(body, "documents");
  return (list.length > 0 ? list : unwrapList(body, "document_associations")).flatMap((d) => toDocument(d) ?? []);
}
