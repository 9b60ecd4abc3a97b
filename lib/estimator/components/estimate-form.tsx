"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  COUNT_LABEL,
  COUNT_PARAM,
  COUNTED_OBJECTS,
  serialiseEstimateParams,
  type CountedObject,
  type EstimateInput,
} from "../estimate-input";
import { CopyLinkButton, hintClass, NumberField, Select } from "./form-fields";

export interface PlatformOption {
  id: string;
  name: string;
  canBeSource: boolean;
  canBeDestination: boolean;
  defaultPlan: string;
  plans: { id: string; name: string; limit: string }[];
}

export interface CategoryOption {
  id: string;
  name: string;
}

/** Numbers are held as typed text so a half-typed value ("", "1e") does not jump around. */
type Draft = Omit<EstimateInput, "counts" | "attachments" | "attachmentGb" | "deltaHours"> & {
  counts: Record<CountedObject, string>;
  attachments: string;
  attachmentGb: string;
  deltaHours: string;
};

const toDraft = (input: EstimateInput): Draft => ({
  ...input,
  counts: Object.fromEntries(COUNTED_OBJECTS.map((o) => [o, String(input.counts[o])])) as Record<CountedObject, string>,
  attachments: String(input.attachments),
  attachmentGb: String(input.attachmentGb),
  deltaHours: String(input.deltaHours),
});

const num = (text: string) => (text.trim() === "" ? 0 : Number(text));

const fromDraft = (draft: Draft): EstimateInput => ({
  ...draft,
  counts: Object.fromEntries(COUNTED_OBJECTS.map((o) => [o, num(draft.counts[o])])) as Record<CountedObject, number>,
  attachments: num(draft.attachments),
  attachmentGb: num(draft.attachmentGb),
  deltaHours: num(draft.deltaHours),
});

const TYPING_DELAY_MS = 400;

export function EstimateForm({
  initial,
  categories,
  platforms,
}: Readonly<{ initial: EstimateInput; categories: CategoryOption[]; platforms: PlatformOption[] }>) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState(() => toDraft(initial));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A pending typing delay must not navigate after the user has left the page.
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // The server may correct the input (clamped counts, a plan of another platform) or the
  // user may go back in history: adopt the server's input when it differs from the draft.
  const initialKey = serialiseEstimateParams(initial).toString();
  const [seenKey, setSeenKey] = useState(initialKey);
  if (initialKey !== seenKey) {
    setSeenKey(initialKey);
    if (initialKey !== serialiseEstimateParams(fromDraft(draft)).toString()) setDraft(toDraft(initial));
  }

  function push(next: Draft, delay: number) {
    if (timer.current) clearTimeout(timer.current);
    const go = () => {
      const query = serialiseEstimateParams(fromDraft(next)).toString();
      startTransition(() => router.replace(`${pathname}?${query}`, { scroll: false }));
    };
    if (delay === 0) go();
    else timer.current = setTimeout(go, delay);
  }

  function update(patch: Partial<Draft>, delay = 0) {
    const next = { ...draft, ...patch };
    setDraft(next);
    push(next, delay);
  }

  const sources = platforms.filter((p) => p.canBeSource);
  const destinations = platforms.filter((p) => p.canBeDestination && p.id !== draft.source);
  const destination = platforms.find((p) => p.id === draft.destination);

  function chooseSource(source: string) {
    if (source !== draft.destination) return update({ source });
    const fallback = platforms.find((p) => p.canBeDestination && p.id !== source);
    update({ source, destination: fallback?.id ?? draft.destination, plan: fallback?.defaultPlan ?? draft.plan });
  }

  function chooseDestination(id: string) {
    const platform = platforms.find((p) => p.id === id);
    update({ destination: id, plan: platform?.defaultPlan ?? draft.plan });
  }

  return (
    <form
      aria-labelledby="estimate-inputs-heading"
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        push(draft, 0);
      }}
    >
      <h2 id="estimate-inputs-heading" className="text-lg font-semibold">
        Your migration
      </h2>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
          Step 1 — pick a category, then your source and destination platforms
        </legend>
        <Select id="category" label="Category" value={draft.category} onChange={(category) => update({ category })}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        <Select id="source" label="Source platform" value={draft.source} onChange={chooseSource}>
          {sources.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select id="destination" label="Destination platform" value={draft.destination} onChange={chooseDestination}>
          {destinations.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select
          id="plan"
          label={`${destination?.name ?? "Destination"} plan`}
          hint="The plan's API rate limit sets how fast records can be written."
          value={draft.plan}
          onChange={(plan) => update({ plan })}
        >
          {(destination?.plans ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.limit})
            </option>
          ))}
        </Select>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">Step 2 — record counts</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {COUNTED_OBJECTS.map((object) => (
            <NumberField
              key={object}
              id={COUNT_PARAM[object]}
              label={COUNT_LABEL[object]}
              value={draft.counts[object]}
              onChange={(text) => update({ counts: { ...draft.counts, [object]: text } }, TYPING_DELAY_MS)}
            />
          ))}
          <NumberField
            id="attachments"
            label="Attachments (files)"
            value={draft.attachments}
            onChange={(attachments) => update({ attachments }, TYPING_DELAY_MS)}
          />
          <NumberField
            id="attachmentGb"
            label="Attachment volume (GB)"
            step="0.01"
            value={draft.attachmentGb}
            onChange={(attachmentGb) => update({ attachmentGb }, TYPING_DELAY_MS)}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">Step 3 — cutover</legend>
        <NumberField
          id="delta"
          label="Delta-pickup window (hours)"
          hint="Changes made in the source during cutover are picked up for this long (0–168)."
          max={168}
          value={draft.deltaHours}
          onChange={(deltaHours) => update({ deltaHours }, TYPING_DELAY_MS)}
        />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className="rounded-md bg-accent-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
        >
          Update estimate
        </button>
        <CopyLinkButton />
        <p role="status" aria-live="polite" className={hintClass}>
          {pending ? "Updating the estimate…" : ""}
        </p>
      </div>
    </form>
  );
}
