import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveBundleUpload } from "./bundle-upload";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "upload-test-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function multipart(fields: Record<string, Blob | string>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, "export.zip");
  }
  return new Request("http://127.0.0.1/upload", { method: "POST", body: form });
}

async function storedFiles(migrationId: string): Promise<string[]> {
  return readdir(path.join(root, "bundles", migrationId)).catch(() => []);
}

describe("receiveBundleUpload", () => {
  it("streams the file to bundles/<migration>/<uuid>.zip under the store", async () => {
    const bytes = Buffer.alloc(300_000, 7);
    const received = await receiveBundleUpload(multipart({ note: "hi", bundle: new Blob([bytes]) }), "mig1", { root });
    expect(received.key).toMatch(/^bundles\/mig1\/[0-9a-f-]{36}\.zip$/);
    expect(received.path).toBe(path.join(root, received.key));
    expect(received).toMatchObject({ name: "export.zip", bytes: 300_000 });
    expect((await readFile(received.path)).equals(bytes)).toBe(true);
  });

  it("refuses a file over the limit and leaves nothing behind", async () => {
    await expect(receiveBundleUpload(multipart({ bundle: new Blob([Buffer.alloc(5000)]) }), "mig2", { root, maxBytes: 4096 })).rejects.toThrow(
      /larger than 4096 bytes/,
    );
    expect(await storedFiles("mig2")).toEqual([]);
  });

  it("refuses up front when Content-Length already says too much", async () => {
    const req = new Request("http://127.0.0.1/upload", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(3 * 1024 ** 3) },
      body: "--x--",
    });
    await expect(receiveBundleUpload(req, "mig3", { root })).rejects.toMatchObject({ status: 413 });
  });

  it("asks for a file when the form has none, and for multipart when it is not", async () => {
    await expect(receiveBundleUpload(multipart({ note: "no file" }), "mig4", { root })).rejects.toThrow(/Choose a \.zip file/);
    const json = new Request("http://127.0.0.1/upload", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expect(receiveBundleUpload(json, "mig4", { root })).rejects.toThrow(/multipart form/);
    expect(await storedFiles("mig4")).toEqual([]);
  });
});
