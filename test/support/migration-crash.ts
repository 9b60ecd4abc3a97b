/**
 * Support for the crash test (crash.db.test.ts; product code never imports this file): real
 * worker processes (`scripts/worker.ts` with the flags `npm run worker` gives it) that can be killed,
 * the extracted attachment bytes where those workers read them, and the check of what the
 * emulator holds after a run against the generator's manifest.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { attachmentKey } from "@/lib/extraction/copy-attachments";
import type { FileStore } from "@/lib/connectors/visual-practice/file-store";
import type { Collection } from "@/lib/sandbox/generator/config";
import type { Dataset } from "@/lib/sandbox/generator/dataset";
import { manifestEntry } from "@/lib/sandbox/generator/manifest";
import { attachmentContent } from "@/lib/sandbox/generator/records-attachments";
import { mulberry32 } from "@/lib/sandbox/shared/faults";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Resolves once the worker has registered its handlers (it prints "Worker ready"). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Its stdout and stderr, for the report of a failed run. */
  output: string[];
}

const live = new Set<ChildProcess>();

/** SIGKILLs every worker still running: a timed-out test must not leave them behind. */
export function killAllWorkers(): void {
  for (const child of live) child.kill("SIGKILL");
}
process.once("exit", killAllWorkers);

/** Starts `scripts/worker.ts` in its own process with `env` (DATABASE_URL, secrets, FILE_STORE_DIR…); `nodeArgs` such as `--cpu-prof`. */
export function spawnWorker(name: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, "--max-old-space-size=1536", "--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/worker.ts"], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const output: string[] = [];
  let markReady: () => void = () => {};
  let markFailed: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => {}); // a worker killed before it was ready is fine
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      output.push(line);
      if (line.includes("Worker ready")) markReady();
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => {
    live.delete(child);
    markFailed(new Error(`worker ${name} exited (${code}) before it was ready:\n${output.slice(-20).join("\n")}`));
    resolve(code);
  }));
  return { name, child, ready, exited, output };
}

/** What extraction leaves behind: every attachment's bytes in the file store the workers read (FILE_STORE_DIR, or the database). */
export async function stageAttachmentBytes(ds: Dataset, migrationId: string, store: FileStore): Promise<void> {
  for (let i = 0; i < ds.count("attachments"); i++) {
    const a = ds.record("attachments", i);
    await store.put(attachmentKey(migrationId, String(a.id)), attachmentContent(ds, String(a.id), Number(a.size_bytes), String(a.content_type)));
  }
}

/** A small seeded generator (the fault injector's mulberry32), so a failing kill schedule can be replayed. */
export const seededRandom = mulberry32;

export const LEDGER_COLLECTIONS = ["companies", "contacts", "deals", "products", "activities", "attachments"] as const satisfies readonly Collection[];
export type FinalState = "written" | "skipped" | "failed";

/** The generator's manifest for the whole source: a dirty record as its entry says, a clean one written. */
export function expectedStates(ds: Dataset): Map<string, { state: FinalState; why: string }> {
  const out = new Map<string, { state: FinalState; why: string }>();
  for (const c of LEDGER_COLLECTIONS) {
    for (let i = 0; i < ds.count(c); i++) {
      const entry = manifestEntry(ds, c, i);
      const id = String(ds.record(c, i).id);
      const state: FinalState = entry?.expect === "failed" ? "failed" : entry?.expect === "skipped" ? "skipped" : "written";
      out.set(`${c}/${id}`, { state, why: entry ? `${entry.case}: ${entry.reason}` : "clean" });
    }
  }
  return out;
}

interface DumpRecord {
  id: number;
  data: Record<string, unknown>;
  custom_field?: Record<string, unknown>;
}
interface Dump {
  records: Record<string, DumpRecord[]>;
  activities: Record<string, DumpRecord[]>;
  documents: { name: string; size: number; targetableType: string; targetableId: number }[];
}

const MARKER = /\[vp:([^\]]+)\]/;
const PARENT_KIND: Record<string, { collection: string; type: string }> = {
  contact: { collection: "contacts", type: "Contact" },
  company: { collection: "companies", type: "SalesAccount" },
  deal: { collection: "deals", type: "Deal" },
};

/**
 * Every difference between the manifest and what the emulator holds, found the way a person
 * would check: a record by its `cf_vp_id` (accounts, contacts, deals) or its `[vp:<id>]`
 * marker (products, activities); a document, which has no marker, by its file name and size
 * on the destination record that carries its parent's source id. A record expected written
 * must be there exactly once; a skipped or failed one not at all; nothing else of ours.
 */
export function destinationMismatches(ds: Dataset, expected: Map<string, { state: FinalState; why: string }>, rawDump: unknown): string[] {
  const dump = rawDump as Dump;
  const found = new Map<string, number>();
  const add = (key: string) => found.set(key, (found.get(key) ?? 0) + 1);
  const destOf = new Map<string, number>(); // "Contact:<sourceId>" -> destination id
  const byCf = { sales_accounts: ["companies", "SalesAccount"], contacts: ["contacts", "Contact"], deals: ["deals", "Deal"] } as const;
  for (const [kind, [collection, type]] of Object.entries(byCf)) {
    for (const r of dump.records[kind] ?? []) {
      const vp = r.custom_field?.cf_vp_id;
      if (typeof vp !== "string") continue; // a record that was there before the run
      add(`${collection}/${vp}`);
      destOf.set(`${type}:${vp}`, r.id);
    }
  }
  for (const p of dump.records.products ?? []) {
    const m = MARKER.exec(String(p.data.description ?? ""));
    if (m) add(`products/${m[1]}`);
  }
  for (const list of Object.values(dump.activities)) {
    for (const a of list) {
      const m = MARKER.exec(String(a.data.description ?? ""));
      if (m) add(`activities/${m[1]}`);
    }
  }
  const problems: string[] = [];
  for (const [key, { state, why }] of expected) {
    if (key.startsWith("attachments/")) continue;
    const n = found.get(key) ?? 0;
    if (state === "written" && n === 0) problems.push(`missing ${key} (${why})`);
    if (state === "written" && n > 1) problems.push(`duplicated ${key} x${n} (${why})`);
    if (state !== "written" && n > 0) problems.push(`${key} expected ${state} but present x${n} (${why})`);
  }
  for (const [key, n] of found) if (!expected.has(key)) problems.push(`unexpected ${key} x${n}`);

  // Documents: the attachments expected on each (record, name, size) against the documents there.
  const ours = new Set([...destOf].map(([k, id]) => `${k.split(":")[0]}:${id}`));
  const want = new Map<string, string[]>();
  for (let i = 0; i < ds.count("attachments"); i++) {
    const a = ds.record("attachments", i);
    const e = expected.get(`attachments/${String(a.id)}`);
    if (e?.state !== "written") continue;
    const parent = PARENT_KIND[String(a.parent_type)];
    const destId = parent ? destOf.get(`${parent.type}:${String(a.parent_id)}`) : undefined;
    if (destId === undefined) {
      problems.push(`missing attachments/${String(a.id)}: its ${String(a.parent_type)} ${String(a.parent_id)} is not in the destination (${e.why})`);
      continue;
    }
    const k = `${parent!.type}:${destId}:${String(a.filename ?? a.id)}:${Number(a.size_bytes ?? 0)}`;
    want.set(k, [...(want.get(k) ?? []), String(a.id)]);
  }
  const have = new Map<string, number>();
  for (const d of dump.documents) {
    if (!ours.has(`${d.targetableType}:${d.targetableId}`)) continue;
    const k = `${d.targetableType}:${d.targetableId}:${d.name}:${d.size}`;
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  for (const k of new Set([...want.keys(), ...have.keys()])) {
    const ids = want.get(k) ?? [];
    const n = have.get(k) ?? 0;
    if (n < ids.length) problems.push(`missing attachments/${ids.join(",")}: ${n} of ${ids.length} document(s) ${k}`);
    if (n > ids.length) problems.push(`duplicated attachments/${ids.join(",") || "?"}: ${n} document(s) ${k} for ${ids.length} expected`);
  }
  return problems;
}
