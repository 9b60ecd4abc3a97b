"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";

const labelClass = "block text-sm font-medium text-zinc-800 dark:text-zinc-200";
export const hintClass = "text-xs text-zinc-600 dark:text-zinc-400";

export function Select({
  id,
  label,
  hint,
  value,
  onChange,
  children,
}: Readonly<{ id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; children: React.ReactNode }>) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        name={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function NumberField({
  id,
  label,
  hint,
  value,
  onChange,
  step = "1",
  max,
}: Readonly<{ id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; step?: string; max?: number }>) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="number"
        inputMode={step === "1" ? "numeric" : "decimal"}
        min={0}
        max={max}
        step={step}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={inputClass}
      />
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function CopyLinkButton() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      onClick={async () => {
        // The clipboard API needs a secure context and permission; say so instead of failing silently.
        try {
          await navigator.clipboard.writeText(window.location.href);
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
      className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {state === "copied" ? "Link copied" : state === "failed" ? "Copy the address bar instead" : "Copy shareable link"}
    </button>
  );
}
