import { describe, expect, it } from "vitest";
import type { FreshsalesConnection } from "@/lib/connectors/freshsales/connection";
import { DryRunWriteError, isReadCall, readOnlyConnection } from "./read-only-connection";
import { reasonKind } from "./dry-run";

describe("readOnlyConnection", () => {
  const sent: string[] = [];
  const inner = { request: async (method: string, path: string) => (sent.push(`${method} ${path}`), { status: 200, body: {}, headers: new Headers() }) } as unknown as FreshsalesConnection;

  it("passes reads, counted per endpoint, and refuses writes before they are sent", async () => {
    const calls: Record<string, number> = {};
    const conn = readOnlyConnection(inner, calls);
    await conn.request("GET", "contacts/12/notes");
    await conn.request("POST", "filtered_search/contact", { json: {} });
    await expect(conn.request("POST", "contacts/bulk_upsert", { json: {} })).rejects.toThrow(DryRunWriteError);
    await expect(conn.request("PUT", "deals/3", { json: {} })).rejects.toThrow(DryRunWriteError);
    await expect(conn.request("DELETE", "documents/3")).rejects.toThrow(DryRunWriteError);
    expect(sent).toEqual(["GET contacts/12/notes", "POST filtered_search/contact"]);
    expect(calls).toEqual({ "GET /contacts/:id/notes": 1, "POST /filtered_search/contact": 1 });
  });

  it("counts searches as reads and creates as writes", () => {
    expect(isReadCall("POST", "cpq/products/filterize")).toBe(true);
    expect(isReadCall("POST", "cpq/products")).toBe(false);
    expect(isReadCall("POST", "tasks")).toBe(false);
  });
});

describe("reasonKind", () => {
  it("groups reasons that differ only by record ids, values and addresses", () => {
    expect(reasonKind("contact ct_00012: its company co_00003 was not written (see that record's reason)")).toBe(reasonKind("contact ct_00999: its company co_00100 was not written (see that record's reason)"));
    expect(reasonKind("duplicate email of ct_1")).not.toBe(reasonKind("soft-deleted at 2024-01-02T00:00:00Z"));
    expect(reasonKind(`a destination contact already has email a@b.co; policy: skip`)).toBe(reasonKind(`a destination contact already has email x.y@z.org; policy: skip`));
  });
});
