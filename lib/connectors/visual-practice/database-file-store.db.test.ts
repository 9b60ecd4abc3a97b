import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { DatabaseFileStore } from "./database-file-store";

const store = new DatabaseFileStore(async (text, values) => ({ rows: await db().$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }));

describe("DatabaseFileStore", () => {
  it("gives back, byte for byte, a file of several chunks; a second put replaces it; delete removes it", async () => {
    const big = Buffer.alloc(2.5 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    const stored = await store.put("mig_1/attachments/a_1", Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    expect(stored.bytes).toBe(big.length);
    // 1 MiB chunks: 2.5 MiB is three rows.
    const parts = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM stored_file_chunk c JOIN stored_file f USING (upload) WHERE f.key = $1`, "mig_1/attachments/a_1");
    expect(parts[0]!.n).toBe(3);
    expect(await store.size("mig_1/attachments/a_1")).toBe(big.length);
    expect((await buffer(await store.get("mig_1/attachments/a_1"))).equals(big)).toBe(true);

    await store.put("mig_1/attachments/a_1", Readable.from([Buffer.from("short")]));
    expect((await buffer(await store.get("mig_1/attachments/a_1"))).toString()).toBe("short");
    // The first upload's chunks went with it.
    const chunks = await db().$queryRawUnsafe<{ ours: number; orphans: number }[]>(
      `SELECT count(*) FILTER (WHERE upload = (SELECT upload FROM stored_file WHERE key = $1))::int AS ours,
              count(*) FILTER (WHERE upload NOT IN (SELECT upload FROM stored_file))::int AS orphans FROM stored_file_chunk`,
      "mig_1/attachments/a_1",
    );
    expect(chunks[0]).toEqual({ ours: 1, orphans: 0 });

    await store.delete("mig_1/attachments/a_1");
    expect(await store.size("mig_1/attachments/a_1")).toBeNull();
    await expect(store.get("mig_1/attachments/a_1")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("stores an empty file as empty, not missing", async () => {
    await store.put("mig_1/attachments/empty", Readable.from([]));
    expect(await store.size("mig_1/attachments/empty")).toBe(0);
    expect((await buffer(await store.get("mig_1/attachments/empty"))).length).toBe(0);
  });
});
