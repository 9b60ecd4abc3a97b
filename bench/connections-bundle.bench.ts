/**
 * Figures for export bundles: validation and streamed reading throughput, and the upload
 * receiver writing a large multipart body to disk, each with peak RSS, which shows that
 * nothing is buffered whole. Usage: npx tsx bench/connections-bundle.bench.ts [contacts=200000] [uploadMB=512]
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { VP_COLLECTIONS } from "@/lib/connectors/visual-practice/records";
import { readBundleCollection, validateBundle } from "../lib/connections/bundle";
import { receiveBundleUpload } from "../lib/connections/bundle-upload";

const contacts = Number(process.argv[2] ?? 200_000);
const uploadMb = Number(process.argv[3] ?? 512);

function lines(count: number, header: string | null, row: (i: number) => string): Readable {
  let i = 0;
  let headerSent = header === null;
  return new Readable({
    read() {
      if (!headerSent) {
        headerSent = true;
        this.push(`${header}\n`);
        return;
      }
      if (i >= count) return void this.push(null);
      const chunk: string[] = [];
      for (let n = 0; n < 1000 && i < count; n++, i++) chunk.push(row(i));
      this.push(`${chunk.join("\n")}\n`);
    },
  });
}

async function buildBundle(file: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const c of VP_COLLECTIONS) {
    if (c === "contacts" || c === "activities" || c === "companies") continue;
    zip.addBuffer(Buffer.from(c === "custom-properties" ? "object,key,label\n" : "id,created_at\n"), `${c}.csv`);
  }
  zip.addReadStream(
    lines(contacts / 10, "id,name,address,custom_properties", (i) => `c_${i},"Company ${i}","{""city"":""Leeds"",""street"":""${i} Main St""}","{""tier"":""gold""}"`),
    "companies.csv",
  );
  zip.addReadStream(
    lines(contacts, "id,first_name,last_name,email,company_id,address,custom_properties,updated_at", (i) =>
      `k_${i},Ann${i},"Lee, Jr",ann${i}@example.com,c_${i % (contacts / 10)},"{""city"":""York""}","{""allergies"":[""nuts""],""visits"":${i % 9}}",2024-01-01T00:00:00Z`,
    ),
    "contacts.csv",
  );
  zip.addReadStream(lines(contacts, null, (i) => JSON.stringify({ id: `a_${i}`, type: "note", subject: `Note ${i}`, body: "x".repeat(200), contact_id: `k_${i}` })), "activities.jsonl");
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
}

async function measure<T>(label: string, body: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await body();
    return { value, ms: performance.now() - started, peakRssMb: Math.round((Math.max(peak, process.memoryUsage().rss) - baseline) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
    void label;
  }
}

function multipartBody(bytes: number, boundary: string): ReadableStream<Uint8Array> {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bundle"; filename="big.zip"\r\nContent-Type: application/zip\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  let sent = 0;
  let stage = 0;
  return new ReadableStream({
    pull(controller) {
      if (stage === 0) {
        stage = 1;
        controller.enqueue(new Uint8Array(head));
      } else if (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        controller.enqueue(new Uint8Array(chunk.subarray(0, n)));
      } else {
        controller.enqueue(new Uint8Array(tail));
        controller.close();
      }
    },
  });
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "bundle-bench-"));
  try {
    const file = path.join(dir, "bundle.zip");
    await buildBundle(file);
    const zipMb = (await stat(file)).size / 1024 / 1024;
    const records = contacts * 2 + contacts / 10;
    const validated = await measure("validate", () => validateBundle(file));
    let read = 0;
    const streamed = await measure("read", async () => {
      for await (const record of readBundleCollection(file, "contacts")) if (record.id) read += 1;
    });
    const boundary = "benchboundary123";
    const upload = await measure("upload", () =>
      receiveBundleUpload(
        new Request("http://127.0.0.1/upload", {
          method: "POST",
          headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
          body: multipartBody(uploadMb * 1024 * 1024, boundary),
          duplex: "half",
        } as RequestInit),
        "bench",
        { root: dir },
      ),
    );
    console.log(`bundle: ${records.toLocaleString()} records, zip ${zipMb.toFixed(1)} MB`);
    console.log(
      `validateBundle: ${validated.ms.toFixed(0)} ms, ${Math.round((records / validated.ms) * 1000).toLocaleString()} records/s, peak RSS +${validated.peakRssMb} MB (totals contacts=${validated.value.totals.contacts})`,
    );
    console.log(`readBundleCollection(contacts): ${read.toLocaleString()} records in ${streamed.ms.toFixed(0)} ms, ${Math.round((read / streamed.ms) * 1000).toLocaleString()} records/s, peak RSS +${streamed.peakRssMb} MB`);
    console.log(
      `receiveBundleUpload: ${uploadMb} MB in ${upload.ms.toFixed(0)} ms, ${((uploadMb / upload.ms) * 1000).toFixed(0)} MB/s, peak RSS +${upload.peakRssMb} MB (stored ${upload.value.bytes} bytes)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
