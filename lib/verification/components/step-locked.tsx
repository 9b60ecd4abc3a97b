import { Card } from "@/components/ui/card";

/** A step that waits for an earlier one: says which, and nothing else. */
export function StepLocked({ title, waitingFor }: { title: string; waitingFor: string }) {
  return (
    <Card>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-sm" data-testid="step-locked">
        This step is locked until “{waitingFor}” is done.
      </p>
    </Card>
  );
}
