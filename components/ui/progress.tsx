/** A labelled progress bar; `value` and `max` in the same unit. */
export function Progress({ value, max, label, tone = "accent" }: { value: number; max: number; label: string; tone?: "accent" | "danger" }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="w-full">
      <div role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className={tone === "danger" ? "h-full bg-red-600" : "h-full bg-accent-600"} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
