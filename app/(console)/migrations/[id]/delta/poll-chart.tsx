"use client";

import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PollFigures } from "@/lib/cutover/delta/types";

/** Changes each poll found, by kind: a cutover going quiet shows as bars shrinking to nothing. */
export function PollChart({ history }: { history: PollFigures[] }) {
  if (history.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No poll yet.</p>;
  const data = history.map((h) => ({ ...h, time: new Date(h.at).toLocaleTimeString() }));
  return (
    <figure aria-label="Changes found per poll" className="h-56 w-full" data-testid="delta-poll-chart">
      <ResponsiveContainer>
        <BarChart data={data}>
          <XAxis dataKey="time" fontSize={11} minTickGap={40} />
          <YAxis fontSize={11} width={40} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="created" stackId="a" name="created" fill="oklch(0.58 0.17 255)" isAnimationActive={false} />
          <Bar dataKey="updated" stackId="a" name="updated" fill="oklch(0.7 0.12 200)" isAnimationActive={false} />
          <Bar dataKey="conflicts" stackId="a" name="conflicts" fill="oklch(0.75 0.15 75)" isAnimationActive={false} />
          <Bar dataKey="deleted" stackId="a" name="deleted in the source" fill="oklch(0.6 0.2 25)" isAnimationActive={false} />
          <Bar dataKey="listed" stackId="a" name="listed only" fill="oklch(0.7 0.02 260)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
