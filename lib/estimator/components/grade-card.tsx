import { Card } from "@/components/ui/card";
import type { ComplexityGrade } from "../complexity-grade";

const letterTone: Record<ComplexityGrade["letter"], string> = {
  A: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  B: "bg-accent-100 text-accent-700 dark:bg-accent-700/30 dark:text-accent-100",
  C: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  D: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

export function GradeCard({ grade }: Readonly<{ grade: ComplexityGrade }>) {
  return (
    <Card role="region" aria-labelledby="grade-heading">
      <h2 id="grade-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Complexity
      </h2>
      <div className="mt-2 flex items-center gap-3">
        <span
          className={`inline-flex size-12 items-center justify-center rounded-lg text-2xl font-bold ${letterTone[grade.letter]}`}
          aria-hidden="true"
        >
          {grade.letter}
        </span>
        <div>
          <p className="text-xl font-semibold">
            <span className="sr-only">Grade {grade.letter}: </span>
            {grade.label} migration
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{grade.summary}</p>
        </div>
      </div>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        Derived from compatibility, mapping clarity, API constraints, and data volume ({grade.points} of 16 points).
      </p>
      <ul className="mt-4 space-y-3">
        {grade.factors.map((factor) => (
          <li key={factor.id} className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
            <div className="flex items-baseline justify-between gap-3">
              <h3 className="text-sm font-semibold">{factor.title}</h3>
              <span className="text-xs tabular-nums text-zinc-700 dark:text-zinc-300">
                Score {factor.score} of 4
              </span>
            </div>
            <div className="mt-1 flex gap-1" aria-hidden="true">
              {[1, 2, 3, 4].map((step) => (
                <span
                  key={step}
                  className={`h-1.5 flex-1 rounded-full ${step <= factor.score ? "bg-zinc-700 dark:bg-zinc-300" : "bg-zinc-200 dark:bg-zinc-700"}`}
                />
              ))}
            </div>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{factor.reason}</p>
          </li>
        ))}
        <li className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <h3 className="text-sm font-semibold">Timeline complexity</h3>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{grade.timelineContext}</p>
        </li>
      </ul>
    </Card>
  );
}
