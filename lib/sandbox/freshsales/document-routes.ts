import { createHash } from "node:crypto";
import busboy from "busboy";
import { ApiError, badRequest, notFound } from "./api-error";
import { recordOr404 } from "./crm-routes";
import { attach, attachedTo } from "./record-refs";
import { isoZ } from "./field-values";
import { idParam, ok, type Ctx, type Reply, type Router } from "./router";
import { ENTITIES, TARGET_ENTITY, type DocumentRecord, type TargetableType } from "./types";

interface Upload {
  fields: Record<string, string>;
  file?: { name: string; contentType: string; size: number; sha256: string; truncated: boolean };
}

/** Streams the multipart body: the file is hashed and counted, never held in memory. */
function readUpload(ctx: Ctx, maxBytes: number): Promise<Upload> {
  const type = ctx.req.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    ctx.req.resume();
    return Promise.reject(badRequest("POST /documents expects multipart/form-data"));
  }
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {} };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: ctx.req.headers, limits: { fileSize: maxBytes, files: 1, fields: 20 } });
    } catch (e) {
      ctx.req.resume();
      reject(badRequest(`Malformed multipart body: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    bb.on("field", (name, value) => {
      upload.fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return;
      }
      const hash = createHash("sha256");
      const file = { name: info.filename ?? "file", contentType: info.mimeType, size: 0, sha256: "", truncated: false };
      upload.file = file;
      stream.on("data", (chunk: Buffer) => {
        file.size += chunk.length;
        hash.update(chunk);
      });
      stream.on("limit", () => {
        file.truncated = true;
      });
      stream.on("end", () => {
        file.sha256 = hash.digest("hex");
      });
    });
    bb.on("close", () => resolve(upload));
    bb.on("error", (e: unknown) => {
      ctx.req.resume();
      reject(badRequest(`Malformed multipart body: ${e instanceof Error ? e.message : String(e)}`));
    });
    ctx.req.pipe(bb);
  });
}

function documentView(origin: string, d: DocumentRecord): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    content_type: d.contentType,
    size: d.size,
    is_shared: d.isShared,
    targetable_type: d.targetableType,
    targetable_id: d.targetableId,
    url: `${origin}/crm/sales/documents/${d.id}`,
    created_at: isoZ(d.createdAt),
  };
}

async function upload(ctx: Ctx): Promise<Reply> {
  const { core } = ctx;
  const up = await readUpload(ctx, core.maxFileBytes);
  const f = up.fields;
  if (!up.file) throw badRequest("file is required");
  if (up.file.truncated) {
    throw new ApiError(413, [`file exceeds the maximum file size of ${Math.round(core.maxFileBytes / 1024 / 1024)} MB`]);
  }
  const type = f.targetable_type;
  const targetId = Number(f.targetable_id);
  if (!type || !["Contact", "SalesAccount", "Deal", "Product"].includes(type)) {
    throw badRequest(`targetable_type must be one of Contact, SalesAccount, Deal, Product; got ${JSON.stringify(type ?? null)}`);
  }
  const exists = type === "Product" ? core.store.products.has(targetId) : core.store.records[TARGET_ENTITY[type as TargetableType]].has(targetId);
  if (!exists) throw badRequest(`targetable_id: ${type} ${f.targetable_id ?? ""} does not exist`);
  const quota = core.storageQuota();
  if (core.store.storageUsed + up.file.size > quota) {
    throw badRequest(`file: the account's storage quota is exceeded (${core.store.storageUsed + up.file.size} of ${quota} bytes)`);
  }
  const shared = f.is_shared ?? f.share_with_team;
  const doc: DocumentRecord = {
    id: core.store.nextId("document"),
    name: f.file_name || up.file.name,
    contentType: up.file.contentType,
    size: up.file.size,
    sha256: up.file.sha256,
    isShared: shared === "true" || shared === "1",
    targetableType: type,
    targetableId: targetId,
    createdAt: core.now(),
  };
  core.store.documents.set(doc.id, doc);
  core.store.storageUsed += doc.size;
  attach(core.store, targetId, doc.id);
  const view = documentView(ctx.origin, doc);
  const msg = "Document uploaded successfully";
  // Default gives both documented answers at once; the variant only MC's `{id, msg, url}`, the id a string.
  if (core.profile.creates.document === "id_msg_url") return ok({ id: String(doc.id), msg, url: view.url }, core.profile.creates.status201 ? 201 : 200);
  return ok({ id: doc.id, msg, url: view.url, document: view });
}

export function registerDocumentRoutes(router: Router): void {
  router.add("POST", "/documents", upload, { raw: true });
  router.add("DELETE", "/documents/:id", (ctx) => {
    const store = ctx.core.store;
    const doc = store.documents.get(idParam(ctx));
    if (!doc) throw notFound(`Document ${ctx.params.id ?? ""}`);
    store.documents.delete(doc.id);
    store.storageUsed -= doc.size;
    return { status: 204 };
  });
  const typeOf = { contacts: "Contact", sales_accounts: "SalesAccount", deals: "Deal" } as const;
  for (const entity of ENTITIES) {
    router.add("GET", `/${entity}/:id/document_associations`, (ctx) => {
      const r = recordOr404(ctx, entity);
      const store = ctx.core.store;
      const docs = attachedTo(store, r.id).flatMap((a) => (a.kind === "document" ? [store.documents.get(a.id)] : [])).filter((d) => d?.targetableType === typeOf[entity]) as DocumentRecord[];
      return ok({ documents: docs.map((d) => documentView(ctx.origin, d)) });
    });
  }
}
