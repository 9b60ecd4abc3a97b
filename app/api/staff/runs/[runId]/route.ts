import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { withEngineer } from "@/lib/server/staff-route";
import { runThroughput } from "@/lib/staff/data";

export const GET = withEngineer<{ runId: string }>(async (_req, { params }) =>
  NextResponse.json({ points: await runThroughput(db(), params.runId) }),
);
