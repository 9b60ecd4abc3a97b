import { NextResponse } from "next/server";
import { listExtractionProblems } from "@/lib/extraction/progress";
import { problemsQuery } from "@/lib/extraction/schemas";
import { db } from "@/lib/server/db";
import { ValidationError } from "@/lib/server/errors";
import { withOrgUser } from "@/lib/server/route";

/** The latest run's problems, a page at a time: `?collection=contacts&after=<id>&limit=100`. */
export const GET = withOrgUser<{ id: string }>(async (req, { user, params }) => {
  const parsed = problemsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new ValidationError("Invalid problem filter");
  const page = await listExtractionProblems(db(), user.organizationId, params.id, parsed.data);
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
