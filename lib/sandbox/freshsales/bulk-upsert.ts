import { performance } from "node:perf_hooks";
import { ApiError, badRequest, notFound } from "./api-error";
import type { Core, Job, JobRecordResult } from "./core";
import { jobStatusBody, jobStatusUrl } from "./bulk-answers";
import { bodyWithIdentifier, findByIdentifier, parseIdentifier, type Identifier } from "./identifiers";
import { writeRecord } from "./record-writer";
import { objectBody, ok, type Ctx, type Reply, type Router } from "./router";
import { ENTITIES, SINGULAR, type Entity } from "./types";

export { BULK_MAX } from "./bulk-limits";

interface Item {
  identifier: Record<string, unknown>;
  body: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads one item in either accepted shape (decision 1): `{<identifier>: v, data: {...}}` or
 * `{unique_identifier: {...}, <singular>: {...}}`. A malformed item fails alone.
 */
function readItem(entity: Entity, raw: unknown): Item {
  if (!isObject(raw)) throw badRequest("each item must be an object");
  if (raw.unique_identifier !== undefined) {
    const body = raw[SINGULAR[entity]] ?? raw.data ?? {};
    if (!isObject(raw.unique_identifier)) throw badRequest("unique_identifier must be an object");
    if (!isObject(body)) throw badRequest(`${SINGULAR[entity]} must be an object`);
    return { identifier: raw.unique_identifier, body };
  }
  const data = raw.data ?? {};
  if (!isObject(data)) throw badRequest("data must be an object");
  const keys = Object.keys(raw).filter((k) => k !== "data");
  if (keys.length !== 1) throw badRequest("each item must name exactly one identifier field beside data");
  const key = keys[0] as string;
  return { identifier: { [key]: raw[key] }, body: data };
}

function runJob(core: Core, job: Job, items: unknown[]): void {
  const started = performance.now();
  const ctx = { store: core.store, now: core.now(), actorId: core.store.users[0]?.id ?? 0 };
  job.records = items.map((raw, index): JobRecordResult => {
    let identifier: Record<string, unknown> = {};
    try {
      const item = readItem(job.entity, raw);
      identifier = item.identifier;
      const ident: Identifier = parseIdentifier(core.store, job.entity, item.identifier);
      const found = findByIdentifier(core.store, job.entity, ident);
      const record = found
        ? writeRecord(ctx, job.entity, item.body, found)
        : writeRecord(ctx, job.entity, bodyWithIdentifier(ident, item.body));
      // A write the job reports failed all the same (profile.hiddenWrites): the id tells on it.
      if (core.profile.hiddenWrites.bulkFailedWithId > 0 && core.hiddenDraw() < core.profile.hiddenWrites.bulkFailedWithId) {
        core.hiddenWrites.bulkFailedWithId++;
        return { index, identifier, status: "failed", id: record.id, errors: ["Record could not be indexed, please retry"] };
      }
      return { index, identifier, status: "success", action: found ? "updated" : "created", id: record.id };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { index, identifier, status: "failed", errors: e.messages };
    }
  });
  const failed = job.records.filter((r) => r.status === "failed").length;
  job.status = failed === 0 ? "completed" : failed === job.records.length ? "failed" : "completed_with_errors";
  job.progress = 100;
  job.statusUpdatedAt = core.now();
  const ms = performance.now() - started;
  const t = core.bulkTimings;
  t.count++;
  t.totalProcessingMs += ms;
  t.maxProcessingMs = Math.max(t.maxProcessingMs, ms);
  t.lastProcessingMs = ms;
}

function startJob(ctx: Ctx, entity: Entity): Reply {
  const body = objectBody(ctx);
  const items = body[entity];
  if (!Array.isArray(items)) throw badRequest(`${entity} must be an array of records`);
  if (items.length === 0) throw badRequest(`${entity} must contain at least one record`);
  const { core } = ctx;
  if (items.length > core.bulkMax) throw badRequest(`${entity}: at most ${core.bulkMax} records per bulk_upsert request, got ${items.length}`);
  // §2.10 leaves the item shape open; an account reading it the other way refuses ours whole.
  if (core.profile.bulk.itemShape === "unique_identifier") {
    const bad = items.findIndex((raw) => !isObject(raw) || raw.unique_identifier === undefined);
    if (bad >= 0) throw badRequest(`${entity}[${bad}]: unique_identifier is required`);
  }
  const now = core.now();
  const job: Job = { id: core.store.nextId("job"), entity, status: "in_progress", progress: 0, createdAt: now, statusUpdatedAt: now, records: [] };
  core.jobs.set(job.id, job);
  const timer = setTimeout(() => {
    core.pendingTimers.delete(timer);
    try {
      runJob(core, job, items);
    } catch (e) {
      // An emulator bug must fail the job, not the process.
      console.error("[freshsales-emulator] bulk job crashed", e);
      job.status = "failed";
      job.progress = 100;
      job.statusUpdatedAt = core.now();
    }
  }, core.bulkJobDelayMs);
  core.pendingTimers.add(timer);
  const url = jobStatusUrl(core.profile, ctx.origin, core.selfOrigin, job.id);
  return ok({ job_status_url: url, message: "Bulk upsert job has been queued" }, 202);
}

function jobStatus(ctx: Ctx): Reply {
  const job = ctx.core.jobs.get(Number(ctx.params.id));
  if (!job) throw notFound(`Job ${ctx.params.id ?? ""}`);
  return ok(jobStatusBody(ctx.core.profile, job));
}

export function registerBulkRoutes(router: Router): void {
  for (const entity of ENTITIES) router.add("POST", `/${entity}/bulk_upsert`, (ctx) => startJob(ctx, entity));
  router.add("GET", "/job_statuses/:id", jobStatus);
}
