"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ConnectionView } from "@/lib/connections/types";
import { formatBytes } from "./connection-query";

const MAX_BYTES = 2 * 1024 ** 3;

/**
 * Uploads an export bundle to the streaming route handler. XMLHttpRequest rather than fetch:
 * it reports upload progress, which matters for a file of up to 2 GB.
 */
export function BundleUploadForm({ migrationId, onUploaded }: { migrationId: string; onUploaded: (view: ConnectionView) => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(file: File) {
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(`The bundle is ${formatBytes(file.size)}; the limit is 2 GB.`);
      return;
    }
    const form = new FormData();
    form.append("bundle", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/migrations/${encodeURIComponent(migrationId)}/connections/bundle`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => {
      setProgress(null);
      setError("The upload was interrupted; check your connection and try again.");
    };
    xhr.onload = () => {
      setProgress(null);
      const body = xhr.response as (ConnectionView & { error?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        toast.success("Bundle uploaded and checked");
        onUploaded(body);
      } else {
        setError(body?.error ?? `The upload failed (${xhr.status}).`);
      }
    };
    setProgress(0);
    xhr.send(form);
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const file = (new FormData(e.currentTarget).get("bundle") as File | null) ?? null;
        if (!file || file.size === 0) setError("Choose the export bundle (.zip) first.");
        else upload(file);
      }}
    >
      <div className="space-y-1">
        <label htmlFor="vp-bundle" className="block text-sm font-medium">Export bundle (.zip)</label>
        <input id="vp-bundle" name="bundle" type="file" accept=".zip,application/zip" className={inputClass} aria-describedby="vp-bundle-hint" required />
        <p id="vp-bundle-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          One CSV or JSON-lines file per collection (users, companies, contacts, pipelines, deals, activities, attachments, products, custom-properties,
          workflows) and attachment files under attachments/. Up to 2 GB.
        </p>
      </div>
      {progress !== null && (
        <div>
          <progress className="w-full" max={100} value={progress} aria-label="Upload progress" />
          <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {progress < 100 ? `Uploading… ${progress}%` : "Checking every file of the bundle…"}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="bundle-error">
          {error}
        </p>
      )}
      <Button type="submit" disabled={progress !== null}>{progress !== null ? "Uploading…" : "Upload bundle"}</Button>
    </form>
  );
}
