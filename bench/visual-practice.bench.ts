/**
 * Throughput of the Visual Practice sandbox. Prints JSON.
 *   npx tsx bench/visual-practice.bench.ts [--total 200000] [--seconds 5] [--concurrency 8]
 */
import { parseArgs } from "node:util";
import { COLLECTIONS } from "@/lib/sandbox/generator/config";
import { Dataset } from "@/lib/sandbox/generator/dataset";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const { values } = parseArgs({
  options: {
    total: { type: "string", default: "200000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "8" },
  },
});
const total = Number(values.total);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const config = { seed: 1, total };

// Generator: build and serialise every record (what the writer and the server both pay).
const indexStart = performance.now();
const ds = new Dataset(config);
for (const c of COLLECTIONS) ds.cleanIndices(c);
const indexMs = performance.now() - indexStart;
const genStart = performance.now();
let records = 0;
let bytes = 0;
for (const c of COLLECTIONS) {
  for (let i = 0; i < ds.count(c); i++) {
    bytes += JSON.stringify(ds.record(c, i)).length;
    records++;
  }
}
const genMs = performance.now() - genStart;

// Server: in its own process (as in real use), pages of 200 fetched in parallel, rate limit off.
const startMs = performance.now();
const child = spawn(process.execPath, ["--import", "tsx", "lib/sandbox/visual-practice/cli.ts", "--seed", "1", "--total", String(total), "--rate", "0"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
const server = JSON.parse(line) as { baseUrl: string; token: string };
const startupMs = performance.now() - startMs;
const headers = { authorization: `Bearer ${server.token}` };
/** CPU ms the server process has used (Linux /proc; null elsewhere): a figure that holds on a busy machine. */
function serverCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}
async function pagesPerSecond(collection: string) {
  const cpuBefore = serverCpuMs();
  const totalPages = Math.ceil(ds.count(collection as (typeof COLLECTIONS)[number]) / 200);
  let next = 1;
  let pages = 0;
  let rows = 0;
  const deadline = performance.now() + seconds * 1000;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const page = next;
        next = next >= totalPages ? 1 : next + 1;
        const res = await fetch(`${server.baseUrl}/${collection}?per_page=200&page=${page}&include_deleted=true`, { headers });
        const body = (await res.json()) as { data: unknown[] };
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        pages++;
        rows += body.data.length;
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  const cpuAfter = serverCpuMs();
  const cpuPerPage = cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / pages) * 10) / 10;
  return { pages, perSecond: Math.round(pages / elapsed), recordsPerSecond: Math.round(rows / elapsed), serverCpuMsPerPage: cpuPerPage };
}
const contacts = await pagesPerSecond("contacts");
const activities = await pagesPerSecond("activities");
child.kill("SIGTERM");

console.log(
  JSON.stringify(
    {
      total,
      loadAverage: (await import("node:os")).loadavg().map((l) => Math.round(l * 10) / 10),
      generator: {
        indexBuildMs: Math.round(indexMs),
        records,
        recordsPerSecond: Math.round(records / (genMs / 1000)),
        jsonMegabytes: Math.round(bytes / 1e6),
      },
      server: { startupMs: Math.round(startupMs), concurrency, perPage: 200, contacts, activities },
    },
    null,
    2,
  ),
);
