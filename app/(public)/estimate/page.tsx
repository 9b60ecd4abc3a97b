import type { Metadata } from "next";
import { getCategory, listCategories, listPlatforms } from "@/lib/estimator/catalogue/platform-catalogue";
import { EstimateForm, type PlatformOption } from "@/lib/estimator/components/estimate-form";
import { GradeCard } from "@/lib/estimator/components/grade-card";
import { ObjectMappingTable } from "@/lib/estimator/components/object-mapping-table";
import { PriceCard } from "@/lib/estimator/components/price-card";
import { TimelineCard } from "@/lib/estimator/components/timeline-card";
import { computeEstimate } from "@/lib/estimator/estimate";
import { parseEstimateParams } from "@/lib/estimator/estimate-params";
import { describeRateLimit } from "@/lib/estimator/rate-limits";

export const metadata: Metadata = {
  title: "Migration estimator",
  description: "Price, complexity grade and timeline for a CRM migration, from your record counts.",
};

// Public and unauthenticated: everything comes from the URL, so an estimate is a link.
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const estimate = computeEstimate(parseEstimateParams(await searchParams));
  const { input, mapping } = estimate;
  const platforms: PlatformOption[] = listPlatforms(input.category).map((p) => ({
    id: p.id,
    name: p.name,
    canBeSource: p.roles.includes("source"),
    canBeDestination: p.roles.includes("destination"),
    defaultPlan: p.defaultPlan,
    plans: p.plans.map((plan) => ({ id: plan.id, name: plan.name, limit: describeRateLimit(plan.rateLimit) })),
  }));
  const categories = listCategories().map((c) => ({ id: c.id, name: c.name }));
  const categoryName = getCategory(input.category)?.name ?? "CRM";
  const priceText = estimate.price.kind === "fixed" ? `$${estimate.price.totalUsd.toLocaleString("en-US")}` : "scoped individually";

  return (
    <main className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <header className="mb-8 max-w-3xl">
        <p className="text-sm font-medium text-accent-700 dark:text-accent-100">{categoryName} migration estimator</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">
          {mapping.source.name} to {mapping.destination.name}
        </h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          Tell us your record counts; the price, complexity grade and timeline follow from published rules and each
          platform&apos;s API limits. Share the link to share the estimate.
        </p>
      </header>

      {/* Announced after each update, so a screen-reader user hears the new figures. */}
      <p className="sr-only" aria-live="polite">
        Estimate: {priceText}; complexity {estimate.grade.letter} {estimate.grade.label}; {estimate.compatibility.headline}{" "}
        {estimate.compatibility.line} Timeline {estimate.timeline.label}.
      </p>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="lg:sticky lg:top-6 lg:self-start">
          <div className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
            <EstimateForm initial={input} categories={categories} platforms={platforms} />
          </div>
        </div>

        <div className="space-y-6">
          <div className="grid gap-6 md:grid-cols-2">
            <PriceCard price={estimate.price} />
            <GradeCard grade={estimate.grade} />
          </div>
          {estimate.warnings.length > 0 && (
            <div
              role="note"
              className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              <h2 className="font-semibold">Before the run</h2>
              <ul className="mt-1 list-disc pl-5">
                {estimate.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          <TimelineCard timeline={estimate.timeline} callRule={estimate.callRule} />
          <ObjectMappingTable mapping={mapping} compatibility={estimate.compatibility} />
        </div>
      </div>
    </main>
  );
}
