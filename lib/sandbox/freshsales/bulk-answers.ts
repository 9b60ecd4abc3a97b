/**
 * How a bulk upsert job is told on the wire (§2.10 leaves its shape, status words and
 * per-item output unconfirmed). The profile (profile.ts) picks one documented reading; the
 * job itself (core.ts) is stored the same way for both.
 */
import { mulberry32 } from "@/lib/sandbox/shared/faults";
import type { Job, JobRecordResult } from "./core";
import { isoZ } from "./field-values";
import type { EmulatorProfile } from "./profile";

type Json = Record<string, unknown>;

const SUCCESS_WORDS: Record<Job["status"], string> = {
  in_progress: "in_progress",
  completed: "success",
  completed_with_errors: "partial",
  failed: "failed",
};

/** The status word for the profile: the stored word, or success/partial. */
export function statusWord(profile: EmulatorProfile, status: Job["status"]): string {
  return profile.bulk.words === "success" ? SUCCESS_WORDS[status] : status;
}

/** `job_status_url`: on the Host the client asked (default), or on the emulator's own address. */
export function jobStatusUrl(profile: EmulatorProfile, requestOrigin: string, selfOrigin: string, jobId: number): string {
  const origin = profile.bulk.jobUrlOrigin === "emulator" && selfOrigin ? selfOrigin : requestOrigin;
  return `${origin}/crm/sales/api/job_statuses/${jobId}`;
}

/** One item as told: index + identifier (default), or only `unique_identifier` as sent. */
function itemView(profile: EmulatorProfile, r: JobRecordResult): Json {
  if (profile.bulk.results === "indexed") return r as unknown as Json;
  const out: Json = { unique_identifier: r.identifier, status: r.status };
  if (r.action !== undefined) out.action = r.action;
  if (r.id !== undefined) out.id = profile.bulk.idAsString ? String(r.id) : r.id;
  if (r.errors !== undefined) out.errors = r.errors;
  return out;
}

/** Seeded by the job id, so the same job always lists its items in the same order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function jobStatusBody(profile: EmulatorProfile, job: Job): Json {
  const listed = profile.bulk.shuffle ? shuffled(job.records, job.id) : job.records;
  const data: Json = profile.bulk.results === "none" ? {} : { records: listed.map((r) => itemView(profile, r)) };
  const view: Json = {
    id: job.id,
    status: statusWord(profile, job.status),
    progress: job.progress,
    job_type_name: "bulk_upsert",
    created_at: isoZ(job.createdAt),
    status_updated_at: isoZ(job.statusUpdatedAt),
    data,
  };
  return profile.bulk.wrapJob ? { job_status: view } : view;
}
