"use client";

import { FormError } from "@/components/ui/form-error";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { firstFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { saveVisualPracticeApiAction } from "@/lib/connections/actions";
import { BundleUploadForm } from "./bundle-upload-form";
import { ConnectionActions } from "./connection-actions";
import { formatBytes } from "./connection-query";
import type { CardProps } from "./connections-panel";
import { TestResult } from "./test-result";

type Mode = "api" | "bundle";

export function VisualPracticeCard({ migrationId, connection, canEdit, onChanged }: CardProps) {
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<Mode>(connection?.mode ?? "api");
  const showForm = canEdit && (editing || !connection);
  const save = useAction(saveVisualPracticeApiAction, {
    onSuccess({ data }) {
      setEditing(false);
      if (data?.lastTestOk) toast.success("Visual Practice connected and tested");
      else toast.error("Visual Practice saved, but the test failed");
      onChanged();
    },
  });
  const errors = firstFieldErrors(save.result.validationErrors);

  return (
    <Card>
      <section aria-labelledby="vp-heading" className="space-y-4">
        <div className="flex items-start justify-between gap-2">
          <div>
            <h3 id="vp-heading" className="text-base font-semibold">Visual Practice</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">The source: its API, or an uploaded export bundle.</p>
          </div>
          {canEdit && connection && !editing && (
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>Edit</Button>
          )}
        </div>

        {connection && !showForm && (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-zinc-600 dark:text-zinc-400">Source</dt>
              <dd>{connection.mode === "bundle" ? "Export bundle" : "API"}</dd>
              {connection.mode === "bundle" ? (
                <>
                  <dt className="text-zinc-600 dark:text-zinc-400">Bundle</dt>
                  <dd className="break-all">
                    {connection.bundleName} {connection.bundleBytes !== null && `(${formatBytes(connection.bundleBytes)})`}
                  </dd>
                </>
              ) : (
                <>
                  <dt className="text-zinc-600 dark:text-zinc-400">API URL</dt>
                  <dd className="break-all">{connection.baseUrl}</dd>
                  <dt className="text-zinc-600 dark:text-zinc-400">Token</dt>
                  <dd data-testid="vp-secret">{connection.secretHint ?? "not set"}</dd>
                </>
              )}
            </dl>
            <TestResult connection={connection} />
            {canEdit && <ConnectionActions migrationId={migrationId} kind="VISUAL_PRACTICE" label="Visual Practice" onChanged={onChanged} />}
          </>
        )}
        {!connection && !canEdit && <p className="text-sm">Not connected yet.</p>}

        {showForm && (
          <div className="space-y-4">
            <fieldset>
              <legend className="text-sm font-medium">Connect by</legend>
              <div className="mt-1 flex gap-4 text-sm">
                {(["api", "bundle"] as const).map((m) => (
                  <label key={m} className="flex items-center gap-2">
                    <input type="radio" name="vp-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                    {m === "api" ? "API (URL and token)" : "Export bundle (upload)"}
                  </label>
                ))}
              </div>
            </fieldset>
            {mode === "api" ? (
              <form
                className="space-y-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  const form = new FormData(e.currentTarget);
                  save.execute({ migrationId, baseUrl: String(form.get("baseUrl") ?? ""), token: String(form.get("token") ?? "") });
                }}
              >
                <Field
                  id="vp-url"
                  name="baseUrl"
                  label="Visual Practice API URL"
                  hint="For example https://acme.visualpractice.example/api/v1"
                  defaultValue={connection?.baseUrl ?? ""}
                  required
                  autoComplete="off"
                  error={errors.baseUrl}
                />
                <Field
                  id="vp-token"
                  name="token"
                  type="password"
                  label="Visual Practice API token"
                  hint={connection?.secretHint ? `Leave empty to keep the stored token (${connection.secretHint}).` : "A read-only API token."}
                  required={!connection?.secretHint}
                  autoComplete="off"
                  error={errors.token}
                />
                <FormError message={save.result.serverError} />
                <div className="flex gap-2">
                  <Button type="submit" disabled={save.isExecuting}>{save.isExecuting ? "Saving and testing…" : "Save and test"}</Button>
                  {editing && <Button type="button" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>}
                </div>
              </form>
            ) : (
              <>
                <BundleUploadForm
                  migrationId={migrationId}
                  onUploaded={() => {
                    setEditing(false);
                    onChanged();
                  }}
                />
                {editing && <Button type="button" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>}
              </>
            )}
          </div>
        )}
      </section>
    </Card>
  );
}
