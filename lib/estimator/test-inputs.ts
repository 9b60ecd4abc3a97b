import { DEFAULT_INPUT, type CountedObject, type EstimateInput } from "./estimate-input";

/** An input with nothing in it, so each test case states every count it relies on. */
export function emptyInput(overrides: Partial<Omit<EstimateInput, "counts">> & {
  counts?: Partial<Record<CountedObject, number>>;
} = {}): EstimateInput {
  const { counts, ...rest } = overrides;
  return {
    ...DEFAULT_INPUT,
    attachments: 0,
    attachmentGb: 0,
    deltaHours: 0,
    ...rest,
    counts: { contact: 0, company: 0, deal: 0, pipeline: 0, activity: 0, user: 0, product: 0, ...counts },
  };
}
