import { StepNav } from "@/components/nav/step-nav";
import { Card } from "@/components/ui/card";
import { ensureProposed } from "@/lib/mapping/review/review-service";
import { getMapReview } from "@/lib/mapping/review/review-view";
import { gateStatuses, parseGateRecords } from "@/lib/gates/gates";
import { loadMigrationForPage } from "@/lib/gates/page-data";
import { db } from "@/lib/server/db";
import { userMessageFor } from "@/lib/server/errors";
import { MapReview } from "./map-review";

/** Step 4: review and approve the field map, routing, stage map and owner resolution. */
export default async function MapPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, migration } = await loadMigrationForPage(id);
  const steps = gateStatuses(parseGateRecords(migration.gates));
  const gate = steps.find((s) => s.key === "map")!;
  const canEdit = user.role === "ADMIN" && !migration.closedAt;
  let proposeError: string | null = null;
  if (gate.status !== "locked" && canEdit) {
    // Opening the step proposes the drafts the first time (reads the Freshsales schema).
    try {
      await ensureProposed(db(), user, migration.id);
    } catch (e) {
      proposeError = userMessageFor(e, { page: "map", migrationId: migration.id });
    }
  }
  const view = gate.status === "locked" ? null : await getMapReview(db(), user.organizationId, migration.id);
  return (
    <>
      <StepNav migrationId={migration.id} steps={steps} current="map" />
      {gate.status === "locked" || !view ? (
        <Card>
          <h2 className="text-lg font-semibold">Map</h2>
          <p className="mt-2 text-sm" data-testid="step-locked">
            This step is locked until “{steps.find((s) => s.status === "open")?.label ?? "the previous step"}” is done.
          </p>
        </Card>
      ) : (
        <MapReview migrationId={migration.id} initial={view} canEdit={canEdit} gateDone={gate.status === "done"} proposeError={proposeError} />
      )}
    </>
  );
}
