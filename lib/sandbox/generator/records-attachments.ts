import { Readable } from "node:stream";
import type { BuildContext, Dataset } from "./dataset";
import { cleanRef } from "./fields";
import type { JsonObject } from "./json";
import { hashString, Rng } from "./prng";

const KINDS = [
  { ext: "pdf", type: "application/pdf", magic: "%PDF-1.4\n" },
  { ext: "png", type: "image/png", magic: "\u0089PNG\r\n\u001a\n" },
  { ext: "jpg", type: "image/jpeg", magic: "\u00ff\u00d8\u00ff\u00e0" },
  { ext: "docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: "PK\u0003\u0004" },
  { ext: "txt", type: "text/plain", magic: "" },
  { ext: "csv", type: "text/csv", magic: "date,code,amount\n" },
] as const;
const STEMS = ["intake-form", "x-ray", "referral-letter", "insurance-card", "treatment-plan",
  "invoice", "consent-form", "lab-results", "exercise-program"];
const UNICODE_STEMS = ["診療記録 😀", "تقرير طبي", "Jose\u0301 – notes", "Röntgenbild ✓"];

export function attachmentFields(ctx: BuildContext): JsonObject {
  const { ds, index, rng, dirty } = ctx;
  const kind = rng.pick(KINDS);
  const stem = dirty === "unicode_name" ? rng.pick(UNICODE_STEMS) : rng.pick(STEMS);
  // Log-uniform between 100 B and 512 KiB: many small scans, a few large ones.
  let size = Math.floor(Math.exp(Math.log(100) + rng.next() * (Math.log(512 * 1024) - Math.log(100))));
  if (dirty === "empty_attachment") size = 0;
  if (dirty === "huge_attachment") size = ds.config.hugeAttachmentBytes + rng.int(0, ds.config.hugeAttachmentBytes / 2);
  const parentDraw = rng.next();
  const parentType = parentDraw < 0.5 ? "contact" : parentDraw < 0.75 ? "company" : "deal";
  const collection = parentType === "contact" ? "contacts" : parentType === "company" ? "companies" : "deals";
  return {
    filename: `${stem}-${index + 1}.${kind.ext}`,
    content_type: kind.type,
    size_bytes: size,
    parent_type: parentType,
    parent_id: cleanRef(ctx, collection),
    uploaded_by: cleanRef(ctx, "users"),
  };
}

const CHUNK = 64 * 1024;
const TEXT = "abcdefghijklmnopqrstuvwxyz0123456789 ,.\n";

/**
 * The bytes of an attachment: a type-appropriate header, then deterministic filler (text for
 * text types), exactly `size` bytes long. Keyed by the attachment id, so overlay-created
 * attachments get content too.
 */
export function attachmentContent(ds: Dataset, id: string, size: number, contentType: string): Readable {
  const rng = new Rng(hashString(`${ds.config.seed}|${ds.config.hash}|content|${id}`));
  const magic = Buffer.from(KINDS.find((k) => k.type === contentType)?.magic ?? "", "latin1");
  const text = contentType.startsWith("text/");
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(CHUNK, size - sent);
      const chunk = Buffer.allocUnsafe(length);
      for (let k = 0; k < length; k += 4) {
        const word = rng.uint32();
        for (let b = 0; b < 4 && k + b < length; b++) {
          const byte = (word >>> (b * 8)) & 0xff;
          chunk[k + b] = text ? TEXT.charCodeAt(byte % TEXT.length) : byte;
        }
      }
      if (sent === 0) magic.copy(chunk, 0, 0, Math.min(magic.length, length));
      sent += length;
      this.push(chunk);
    },
  });
}
