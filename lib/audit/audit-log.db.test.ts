import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendAudit, verifyAuditChain } from "./audit-log";

describe("audit log", () => {
  let orgId: string;
  const actor = { id: null, email: "admin@example.com" };

  beforeAll(async () => {
    orgId = (await db().organization.create({ data: { name: "Audit Org" } })).id;
  });
  afterAll(async () => {
    await db().organization.delete({ where: { id: orgId } });
  });

  it("chains events and verifies the chain", async () => {
    for (const action of ["gate.approved", "run.started", "run.paused"]) {
      await appendAudit(db(), { organizationId: orgId, actor, action, detail: { n: action.length } });
    }
    const result = await verifyAuditChain(db(), orgId);
    expect(result).toEqual({ checked: 3, broken: null });
  });

  it("gives concurrent appends distinct, gapless sequence numbers", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => appendAudit(db(), { organizationId: orgId, actor, action: "run.progress", detail: { i } })),
    );
    const seqs = (await db().auditEvent.findMany({ where: { organizationId: orgId }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect((await verifyAuditChain(db(), orgId)).broken).toBeNull();
  });

  it("reports the first broken link after tampering", async () => {
    await db().$executeRaw`update "AuditEvent" set detail = '{"n": 999}' where "organizationId" = ${orgId} and seq = 2`;
    const result = await verifyAuditChain(db(), orgId);
    expect(result.broken).toEqual({ seq: 2, reason: "content changed after it was written" });
  });
});
