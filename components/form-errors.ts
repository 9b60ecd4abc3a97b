/** Flattens next-safe-action's validation errors to the first message per field. */
export function firstFieldErrors(validationErrors: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!validationErrors || typeof validationErrors !== "object") return out;
  for (const [key, value] of Object.entries(validationErrors as Record<string, unknown>)) {
    const errors = (value as { _errors?: string[] } | undefined)?._errors;
    if (key !== "_errors" && errors?.[0]) out[key] = errors[0];
  }
  return out;
}
