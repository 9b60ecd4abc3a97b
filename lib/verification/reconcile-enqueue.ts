import { enqueue } from "@/lib/server/jobs/enqueue";
import { reconcileJob } from "./reconcile-job";

export async function executeReconcileLater(payload: { runId: string; organizationId: string; migrationId: string }): Promise<void> {
  await enqueue(reconcileJob, payload);
}
