"use client";

import { FormError } from "@/components/ui/form-error";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { firstFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { saveFreshsalesAction } from "@/lib/connections/actions";
import { CONNECTION_PLANS, CUSTOM_CALLS_PER_HOUR } from "@/lib/connections/plans";
import { ConnectionActions } from "./connection-actions";
import type { CardProps } from "./connections-panel";
import { TestResult } from "./test-result";

const PLAN_LABELS: Record<(typeof CONNECTION_PLANS)[number], string> = {
  free: "Free (1,000 calls/hour, no file storage)",
  growth: "Growth (1,000 calls/hour, 2 GB per user)",
  pro: "Pro (2,000 calls/hour, 5 GB per user)",
  enterprise: "Enterprise (5,000 calls/hour, 100 GB per user)",
};

export function FreshsalesCard({ migrationId, connection, canEdit, onChanged }: CardProps) {
  const [editing, setEditing] = useState(false);
  const showForm = canEdit && (editing || !connection);
  const save = useAction(saveFreshsalesAction, {
    onSuccess({ data }) {
      setEditing(false);
      if (data?.lastTestOk) toast.success("Freshsales connected and tested");
      else toast.error("Freshsales saved, but the test failed");
      onChanged();
    },
  });
  const errors = firstFieldErrors(save.result.validationErrors);

  return (
    <Card>
      <section aria-labelledby="fs-heading" className="space-y-4">
        <div className="flex items-start justify-between gap-2">
          <div>
            <h3 id="fs-heading" className="text-base font-semibold">Freshsales</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">The destination: bundle domain and API key.</p>
          </div>
          {canEdit && connection && !editing && (
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>Edit</Button>
          )}
        </div>

        {connection && !showForm && (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-zinc-600 dark:text-zinc-400">API URL</dt>
              <dd className="break-all">{connection.baseUrl}</dd>
              <dt className="text-zinc-600 dark:text-zinc-400">API key</dt>
              <dd data-testid="fs-secret">{connection.secretHint ?? "not set"}</dd>
              <dt className="text-zinc-600 dark:text-zinc-400">Plan</dt>
              <dd className="capitalize">{connection.plan ?? "—"}</dd>
              <dt className="text-zinc-600 dark:text-zinc-400">API limit</dt>
              <dd data-testid="fs-calls-per-hour">
                {connection.callsPerHour ? `${connection.callsPerHour.toLocaleString("en")} calls/hour (custom)` : "the plan's"}
              </dd>
            </dl>
            <TestResult connection={connection} />
            {canEdit && <ConnectionActions migrationId={migrationId} kind="FRESHSALES" label="Freshsales" onChanged={onChanged} />}
          </>
        )}
        {!connection && !canEdit && <p className="text-sm">Not connected yet.</p>}

        {showForm && (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              save.execute({
                migrationId,
                domain: String(form.get("domain") ?? ""),
                apiKey: String(form.get("apiKey") ?? ""),
                plan: String(form.get("plan")) as (typeof CONNECTION_PLANS)[number],
                callsPerHour: String(form.get("callsPerHour") ?? "").trim() ? Number(form.get("callsPerHour")) : null,
              });
            }}
          >
            <Field
              id="fs-domain"
              name="domain"
              label="Freshsales domain or API URL"
              hint="Your bundle alias (acme), domain (acme.myfreshworks.com) or the full API URL."
              defaultValue={connection?.baseUrl ?? ""}
              required
              autoComplete="off"
              error={errors.domain}
            />
            <Field
              id="fs-key"
              name="apiKey"
              type="password"
              label="Freshsales API key"
              hint={connection?.secretHint ? `Leave empty to keep the stored key (${connection.secretHint}).` : "From Profile Settings › API Settings in Freshsales."}
              required={!connection?.secretHint}
              autoComplete="off"
              error={errors.apiKey}
            />
            <div className="space-y-1">
              <label htmlFor="fs-plan" className="block text-sm font-medium">Freshsales plan</label>
              <select id="fs-plan" name="plan" defaultValue={connection?.plan ?? "growth"} className={inputClass} aria-describedby="fs-plan-hint">
                {CONNECTION_PLANS.map((p) => (
                  <option key={p} value={p}>{PLAN_LABELS[p]}</option>
                ))}
              </select>
              <p id="fs-plan-hint" className="text-xs text-zinc-600 dark:text-zinc-400">Sets the API rate limit and the file storage quota.</p>
            </div>
            <Field
              id="fs-calls-per-hour"
              name="callsPerHour"
              type="number"
              inputMode="numeric"
              min={CUSTOM_CALLS_PER_HOUR.min}
              max={CUSTOM_CALLS_PER_HOUR.max}
              step={1}
              label="Custom API limit (calls per hour, optional)"
              hint="Only if your account bought a higher limit than its plan's. The run also follows the limit Freshsales states in its answers, up to this figure."
              defaultValue={connection?.callsPerHour ?? ""}
              error={errors.callsPerHour}
            />
            <FormError message={save.result.serverError} />
            <div className="flex gap-2">
              <Button type="submit" disabled={save.isExecuting}>{save.isExecuting ? "Saving and testing…" : "Save and test"}</Button>
              {editing && <Button type="button" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>}
            </div>
          </form>
        )}
      </section>
    </Card>
  );
}
