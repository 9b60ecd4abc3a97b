import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { GateStatus } from "@/lib/gates/gates";

const marks: Record<GateStatus, { sign: string; label: string; className: string }> = {
  done: { sign: "✓", label: "done", className: "bg-emerald-600 text-white" },
  open: { sign: "•", label: "open", className: "bg-accent-600 text-white" },
  locked: { sign: "🔒︎", label: "locked", className: "bg-zinc-200 text-zinc-500 dark:bg-zinc-800" },
};

/** The flow's gates, each marked done, open or locked; locked steps cannot be entered. */
export function StepNav({
  migrationId,
  steps,
  current,
}: {
  migrationId: string;
  steps: { key: string; label: string; status: GateStatus }[];
  current?: string;
}) {
  return (
    <nav aria-label="Migration steps" className="mb-8 overflow-x-auto">
      <ol className="flex min-w-max gap-1">
        {steps.map((s, i) => {
          const mark = marks[s.status];
          const body = (
            <>
              <span aria-hidden className={cn("flex h-6 w-6 items-center justify-center rounded-full text-xs", mark.className)}>
                {s.status === "locked" ? i + 1 : mark.sign}
              </span>
              <span>{s.label}</span>
              <span className="sr-only">({mark.label})</span>
            </>
          );
          const className = cn(
            "flex items-center gap-2 rounded-md px-3 py-2 text-sm",
            current === s.key && "bg-white font-semibold shadow-xs dark:bg-zinc-900",
            s.status === "locked" && "text-zinc-500",
          );
          return (
            <li key={s.key} data-step={s.key} data-status={s.status}>
              {s.status === "locked" ? (
                <span className={className} aria-disabled="true">
                  {body}
                </span>
              ) : (
                <Link href={`/migrations/${migrationId}/${s.key}`} className={className} aria-current={current === s.key ? "step" : undefined}>
                  {body}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
