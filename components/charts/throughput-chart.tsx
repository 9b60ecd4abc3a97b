"use client";

import { useQuery } from "@tanstack/react-query";
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Point = { at: string; recordsPerSecond: number; calls: number };

/** Records per second over time, polled while the run is live. */
export function ThroughputChart({ url, live }: { url: string; live: boolean }) {
  const { data, isError } = useQuery({
    queryKey: ["throughput", url],
    queryFn: async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as { points: Point[] };
    },
    refetchInterval: live ? 2_000 : false,
  });
  if (isError) return <p role="alert" className="text-sm text-red-700">Could not load throughput.</p>;
  const points = data?.points ?? [];
  if (points.length < 2) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No throughput samples yet.</p>;
  return (
    <figure aria-label="Records per second over time" className="h-56 w-full">
      <ResponsiveContainer>
        <LineChart data={points.map((p) => ({ ...p, time: p.at.slice(11, 19) }))}>
          <XAxis dataKey="time" fontSize={11} minTickGap={40} />
          <YAxis fontSize={11} width={48} />
          <Tooltip />
          <Line type="monotone" dataKey="recordsPerSecond" name="records/s" dot={false} strokeWidth={2} stroke="oklch(0.58 0.17 255)" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
