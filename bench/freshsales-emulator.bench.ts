/**
 * Figures of the Freshsales emulator. Prints JSON.
 *   npx tsx bench/freshsales-emulator.bench.ts [--seconds 5] [--concurrency 32] [--records 1000000] [--bulk-runs 20]
 * - simple requests per second: GET /selector/owners with keep-alive, load from a child process;
 * - server time of a 100-record bulk upsert (job processing, measured inside the emulator);
 * - memory holding N records loaded through the in-process admin.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { startFreshsalesEmulator } from "@/lib/sandbox/freshsales/server";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "32" },
    records: { type: "string", default: "1000000" },
    "bulk-runs": { type: "string", default: "20" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const recordCount = Number(values.records);
const bulkRuns = Number(values["bulk-runs"]);

// The load generator runs in its own process so client work does not eat the server's CPU.
const LOADER = `
const http = require("node:http");
const [url, key, seconds, concurrency] = process.argv.slice(1);
const u = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
let done = 0, failed = 0;
const deadline = Date.now() + Number(seconds) * 1000;
function one() {
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, agent, headers: { authorization: "Token token=" + key } }, (res) => {
      res.resume();
      res.on("end", () => { if (res.statusCode === 200) done++; else failed++; resolve(); });
    });
    req.on("error", () => { failed++; resolve(); });
    req.end();
  });
}
(async () => {
  const start = Date.now();
  await Promise.all(Array.from({ length: Number(concurrency) }, async () => { while (Date.now() < deadline) await one(); }));
  process.stdout.write(JSON.stringify({ done, failed, ms: Date.now() - start }));
  agent.destroy();
})();
`;

async function requestsPerSecond(): Promise<Record<string, number>> {
  const emu = await startFreshsalesEmulator({ rateLimit: false });
  // Server CPU per request is a figure that holds even when other work shares the cores.
  const cpu0 = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", LOADER, `${emu.apiBase}/selector/owners`, emu.apiKey, String(seconds), String(concurrency)]);
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  const cpu = process.cpuUsage(cpu0);
  await emu.close();
  const r = JSON.parse(out) as { done: number; failed: number; ms: number };
  const serverCpuMicrosPerRequest = Math.round((cpu.user + cpu.system) / Math.max(1, r.done));
  return { requests: r.done, failed: r.failed, seconds: r.ms / 1000, requestsPerSecond: Math.round(r.done / (r.ms / 1000)), concurrency, serverCpuMicrosPerRequest };
}

async function bulkUpsert(): Promise<Record<string, number>> {
  const emu = await startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 1 });
  emu.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
  const headers = { authorization: `Token token=${emu.apiKey}`, "content-type": "application/json" };
  const times: number[] = [];
  const warmup = 3; // the first jobs pay for JIT compilation; they are run but not counted
  for (let run = 0; run < bulkRuns + warmup; run++) {
    const contacts = Array.from({ length: 100 }, (_, i) => {
      const id = `c_${run}_${i}`;
      return { cf_vp_id: id, data: { first_name: "Bench", last_name: `Person ${i}`, emails: `${id}@example.com`, job_title: "Nurse", custom_field: { cf_vp_id: id } } };
    });
    const res = await fetch(`${emu.apiBase}/contacts/bulk_upsert`, { method: "POST", headers, body: JSON.stringify({ contacts }) });
    const { job_status_url } = (await res.json()) as { job_status_url: string };
    for (;;) {
      const job = (await (await fetch(job_status_url, { headers })).json()) as { job_status: { status: string } };
      if (job.job_status.status !== "in_progress") break;
      await new Promise((r) => setTimeout(r, 2));
    }
    if (run >= warmup) times.push(emu.stats().bulkJobs.lastProcessingMs);
  }
  await emu.close();
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    runs: bulkRuns,
    warmupRuns: warmup,
    medianMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    p90Ms: round(sorted[Math.floor(sorted.length * 0.9)] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** Streams a 100 MB upload (generated on the fly) and reports time and memory growth. */
async function documentUpload(): Promise<Record<string, number>> {
  const { request } = await import("node:http");
  const { Readable } = await import("node:stream");
  const emu = await startFreshsalesEmulator({ rateLimit: false });
  const contact = emu.admin.load({ records: { contacts: [{ email: "doc@example.com" }] } }).ids.contacts[0] as number;
  const boundary = "----bench-boundary";
  const size = 100 * 1024 * 1024;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="targetable_type"\r\n\r\nContact\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="targetable_id"\r\n\r\n${contact}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 7);
  async function* body(): AsyncGenerator<Buffer> {
    yield head;
    for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
    yield tail;
  }
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const u = new URL(`${emu.apiBase}/documents`);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { authorization: `Token token=${emu.apiKey}`, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": head.length + size + tail.length } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    Readable.from(body()).pipe(req);
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  await emu.close();
  return { status, megabytes: 100, ms: Math.round(ms), rssGrowthPeakMB: Math.round((rssPeak - rssBefore) / 1024 / 1024) };
}

async function memory(): Promise<Record<string, number>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  const emu = await startFreshsalesEmulator({ rateLimit: false });
  emu.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
  emu.admin.addField({ entity: "deals", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
  const accounts = Math.floor(recordCount * 0.2);
  const deals = Math.floor(recordCount * 0.2);
  const contacts = recordCount - accounts - deals;
  const started = performance.now();
  const chunk = 10_000;
  const accountIds: number[] = [];
  for (let i = 0; i < accounts; i += chunk) {
    const n = Math.min(chunk, accounts - i);
    const body = Array.from({ length: n }, (_, j) => ({ name: `Clinic ${i + j}`, city: "Oslo", phone: "+4712345678" }));
    accountIds.push(...emu.admin.load({ records: { sales_accounts: body } }).ids.sales_accounts);
  }
  for (let i = 0; i < contacts; i += chunk) {
    const n = Math.min(chunk, contacts - i);
    const body = Array.from({ length: n }, (_, j) => ({
      first_name: "Pat",
      last_name: `Person ${i + j}`,
      email: `p${i + j}@example.com`,
      mobile_number: "+4798765432",
      sales_account_id: accountIds[(i + j) % accountIds.length],
      custom_field: { cf_vp_id: `c_${i + j}` },
    }));
    emu.admin.load({ records: { contacts: body } });
  }
  for (let i = 0; i < deals; i += chunk) {
    const n = Math.min(chunk, deals - i);
    const body = Array.from({ length: n }, (_, j) => ({ name: `Deal ${i + j}`, amount: 1000 + j, expected_close: "2026-12-31", sales_account_id: accountIds[(i + j) % accountIds.length], custom_field: { cf_vp_id: `d_${i + j}` } }));
    emu.admin.load({ records: { deals: body } });
  }
  const loadSeconds = (performance.now() - started) / 1000;
  gc?.();
  const mem = process.memoryUsage();
  const mb = (n: number): number => Math.round(n / 1024 / 1024);
  const result = { records: recordCount, contacts, sales_accounts: accounts, deals, loadSeconds: Math.round(loadSeconds * 10) / 10, heapUsedMB: mb(mem.heapUsed), heapUsedForRecordsMB: mb(mem.heapUsed - baseHeap), rssMB: mb(mem.rss), gcExposed: gc !== undefined ? 1 : 0 };
  await emu.close();
  return result;
}

const loadAverageAtStart = (await import("node:os")).loadavg().map((x) => Math.round(x * 10) / 10);
const rps = await requestsPerSecond();
const bulk = await bulkUpsert();
const upload = await documentUpload();
const mem = await memory();
console.log(JSON.stringify({ loadAverageAtStart, simpleRequests: rps, bulkUpsert100: bulk, documentUpload: upload, memory: mem }, null, 2));
