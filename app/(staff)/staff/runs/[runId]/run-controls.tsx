"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { isFinishedRun } from "@/lib/migration/run-status";
import { staffPauseRunAction, staffResumeRunAction, staffRetryFailedAction } from "@/lib/staff/actions";

/** Pause, resume and retry for engineers; each is audited under the engineer's name. */
export function RunControls({ runId, status, failed }: { runId: string; status: string; failed: number }) {
  const handlers = {
    onSuccess: () => toast.success("Done"),
    onError: ({ error }: { error: { serverError?: string } }) => toast.error(error.serverError ?? "That did not work"),
  };
  const pause = useAction(staffPauseRunAction, handlers);
  const resume = useAction(staffResumeRunAction, handlers);
  const retry = useAction(staffRetryFailedAction, handlers);
  return (
    <div className="flex flex-wrap gap-2">
      {status === "running" && <Button variant="secondary" disabled={pause.isExecuting} onClick={() => pause.execute({ runId })}>Pause</Button>}
      {status === "paused" && <Button variant="secondary" disabled={resume.isExecuting} onClick={() => resume.execute({ runId })}>Resume</Button>}
      {isFinishedRun(status) && failed > 0 && (
        <Button variant="secondary" disabled={retry.isExecuting} onClick={() => retry.execute({ runId })}>Retry {failed} failed</Button>
      )}
    </div>
  );
}
