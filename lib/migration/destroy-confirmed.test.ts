import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkDestroy } from "@/lib/connectors/freshsales/record-writes";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "@/lib/sandbox/freshsales/server";
import { connectionTo } from "@/test/support/migration";
import { destroyConfirmed } from "./destroy-confirmed";

/** §2.11: bulk_destroy deleting before it answers (default) or a little after (variant). */
let emus: FreshsalesEmulator[] = [];
beforeAll(async () => {
  emus = await Promise.all([
    startFreshsalesEmulator({ rateLimit: false, bulkJobDelayMs: 100 }),
    startFreshsalesEmulator({ profile: "variant", rateLimit: false, bulkJobDelayMs: 100 }),
  ]);
  for (const e of emus) e.admin.addField({ entity: "contacts", label: "VP id", type: "text", name: "cf_vp_id", unique: true });
});
afterAll(async () => {
  await Promise.all(emus.map((e) => e.close()));
});

async function seed(emu: FreshsalesEmulator, prefix: string): Promise<{ sourceId: string; destId: string }[]> {
  const conn = connectionTo(emu);
  const rows = [];
  for (let i = 0; i < 3; i++) {
    const { body } = await conn.request("POST", "contacts", { json: { contact: { emails: `${prefix}${i}@example.com`, custom_field: { cf_vp_id: `${prefix}${i}` } } } });
    const made = (body as { contact?: { id: number }; id?: string }).contact?.id ?? (body as { id?: string }).id;
    rows.push({ sourceId: `${prefix}${i}`, destId: String(made) });
  }
  conn.close();
  return rows;
}
const held = (emu: FreshsalesEmulator) => (emu.admin.dump() as { records: { contacts: unknown[] } }).records.contacts.length;

describe("destroyConfirmed", () => {
  it("returns only once the records are gone, whether bulk_destroy deletes at once or later", async () => {
    for (const emu of emus) {
      const rows = await seed(emu, "c");
      const conn = connectionTo(emu);
      await destroyConfirmed(conn, "contact", rows);
      conn.close();
      expect(held(emu), emu.profile).toBe(0);
    }
  });

  it("is needed: against the variant a bare bulk_destroy answers while the records are still there", async () => {
    const emu = emus[1]!;
    const rows = await seed(emu, "d");
    const conn = connectionTo(emu);
    await bulkDestroy(conn, "contact", rows.map((r) => Number(r.destId)));
    expect(held(emu)).toBe(3);
    await destroyConfirmed(conn, "contact", rows);
    conn.close();
    expect(held(emu)).toBe(0);
  });
});
