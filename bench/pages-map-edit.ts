/**
 * The map page's edit at 500 source fields: what one edit sends and receives, and its server
 * time (`editFieldMap`, what the server action runs), against the whole map the page loaded
 * three times per edit before (the action's re-rendered page, the API refetch, the router refresh).
 */
import { faker } from "@faker-js/faker";
import type { FieldProfile, FreshsalesFieldType, SourceObject } from "@/lib/inventory/types";
import { DESTINATION_METADATA } from "@/test/fixtures/mapping/destination-metadata";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { buildProposals, DEFAULT_ROUTING } from "@/lib/mapping/review/propose";
import { saveDrafts } from "@/lib/mapping/review/drafts";
import { editFieldMap } from "@/lib/mapping/review/review-service";
import { getMapReview } from "@/lib/mapping/review/review-view";
import type { Db } from "@/lib/server/db";

const SOURCE_FIELDS = 500;
const TYPES: FreshsalesFieldType[] = ["text", "number", "date", "dropdown", "checkbox", "phone", "email"];
const OBJECTS: SourceObject[] = ["company", "contact", "deal"];


export async function mapEditFigures(db: Db, tenant: { organizationId: string; migrationId: string; userId: string }, requests: number) {
  faker.seed(7);
  const profiles: FieldProfile[] = [];
  for (let i = 0; i < SOURCE_FIELDS; i++) {
    const type = TYPES[i % TYPES.length] ?? "text";
    profiles.push(makeProfile(OBJECTS[i % OBJECTS.length]!, `custom_properties.${faker.word.adjective()}_${faker.word.noun()}_${i}`, type, type === "dropdown" ? { values: faker.helpers.multiple(() => faker.word.noun(), { count: 8 }) } : {}));
  }
  const meta = DESTINATION_METADATA;
  const drafts = buildProposals({ profiles, metadata: meta, users: [], ownedCounts: {}, pipelines: [] }, { routing: DEFAULT_ROUTING });
  // A migration at the Map step: connect and inventory done, the destination's schema read.
  await db.migration.update({ where: { id: tenant.migrationId }, data: { gates: { connect: { at: new Date().toISOString(), by: "bench" }, inventory: { at: new Date().toISOString(), by: "bench" } } } });
  await db.destinationSnapshot.create({ data: { migrationId: tenant.migrationId, data: JSON.parse(JSON.stringify(meta)) } });
  const admin = { id: tenant.userId, email: "admin@example.test", role: "ADMIN", organizationId: tenant.organizationId };
  await saveDrafts(db, { organizationId: tenant.organizationId, migrationId: tenant.migrationId, actor: admin, action: "proposed" }, drafts);

  const wholeMap = Buffer.byteLength(JSON.stringify(await getMapReview(db, tenant.organizationId, tenant.migrationId)));
  let hash = (await getMapReview(db, tenant.organizationId, tenant.migrationId)).drafts.fieldMap!.versionHash;
  const ids = drafts.fieldMap.mappings.filter((m) => m.decision.kind !== "system").map((m) => m.id);
  const ms: number[] = [];
  let sent = 0;
  let received = 0;
  for (let i = 0; i <= requests; i++) {
    const input = { migrationId: tenant.migrationId, expectedHash: hash, edits: [{ id: ids[i % ids.length]!, status: "rejected" as const }] };
    const t = performance.now();
    const patch = await editFieldMap(db, admin, tenant.migrationId, input.edits, input.expectedHash);
    if (i > 0) ms.push(performance.now() - t); // the first warms Prisma and the caches
    sent = Buffer.byteLength(JSON.stringify(input));
    received = Buffer.byteLength(JSON.stringify(patch));
    hash = patch.versionHash;
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  return {
    sourceFields: SOURCE_FIELDS,
    mappings: drafts.fieldMap.mappings.length,
    serverMs: { p50: at(0.5), p95: at(0.95), targetMs: 200, met: at(0.95) < 200 },
    bytesPerEdit: { sent, received, before: 3 * wholeMap, wholeMap },
  };
}
