import type { IncomingHttpHeaders } from "node:http";
import { HttpStatusError } from "../http/http-errors";

/** A Freshsales non-2xx answer, with the human messages pulled out of whichever error shape it used. */
export class FreshsalesError extends HttpStatusError {
  override name = "FreshsalesError";
  constructor(
    message: string,
    status: number,
    headers: IncomingHttpHeaders,
    bodyText: string,
    retryAfterMs: number | undefined,
    readonly messages: string[],
  ) {
    super(message, status, headers, bodyText, retryAfterMs);
  }
}

/** 400: the record or request was rejected; `messages` name the fields. */
export class FreshsalesValidationError extends FreshsalesError {
  override name = "FreshsalesValidationError";
}
/** 400 whose message says the account's file storage quota is used up. */
export class FreshsalesStorageQuotaError extends FreshsalesValidationError {
  override name = "FreshsalesStorageQuotaError";
}
export class FreshsalesAuthError extends FreshsalesError {
  override name = "FreshsalesAuthError";
}
export class FreshsalesForbiddenError extends FreshsalesError {
  override name = "FreshsalesForbiddenError";
}
export class FreshsalesNotFoundError extends FreshsalesError {
  override name = "FreshsalesNotFoundError";
}
/** 413 from the server. */
export class FreshsalesPayloadTooLargeError extends FreshsalesError {
  override name = "FreshsalesPayloadTooLargeError";
}

/** A file over the 150 MB per-file limit, refused before any byte is sent. */
export class FreshsalesFileTooLargeError extends Error {
  override name = "FreshsalesFileTooLargeError";
  constructor(readonly fileName: string, readonly size: number, readonly limit: number) {
    super(`${fileName} is ${size} bytes; Freshsales accepts at most ${limit} bytes per file`);
  }
}

/**
 * A write without an idempotency key (task, note, appointment, document) failed in a way that
 * leaves unknown whether Freshsales applied it (timeout, reset, 5xx). It is not repeated: the
 * caller resolves it by looking for the source-id marker before trying again.
 */
export class FreshsalesOutcomeUnknownError extends Error {
  override name = "FreshsalesOutcomeUnknownError";
  constructor(readonly method: string, readonly path: string, cause: unknown) {
    super(`${method} ${path}: outcome unknown (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** Pulls human messages from every error shape Freshsales clients report seeing. */
export function errorMessages(bodyText: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return bodyText.trim() ? [bodyText.trim().slice(0, 500)] : [];
  }
  const out: string[] = [];
  const take = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(take);
    else if (value && typeof value === "object") {
      const obj = value as Record<string, unknown>;
      if ("message" in obj) take(obj.message);
      else if ("errors" in obj) take(obj.errors);
      else if ("error" in obj) take(obj.error);
      // `{"errors": {"email": ["is taken"]}}`: keep the field name with its message.
      else for (const [key, v] of Object.entries(obj)) if (key !== "code") for (const m of collect(v)) out.push(`${key} ${m}`);
    }
  };
  const collect = (value: unknown): string[] => {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(collect);
    return [];
  };
  if (body && typeof body === "object") {
    const obj = body as Record<string, unknown>;
    take(obj.errors ?? obj.error ?? obj.message ?? null);
  }
  return out;
}

export function freshsalesError(status: number, headers: IncomingHttpHeaders, bodyText: string, retryAfterMs: number | undefined, where: string): FreshsalesError {
  const messages = errorMessages(bodyText);
  const text = `Freshsales ${status} on ${where}${messages.length ? `: ${messages.join("; ")}` : ""}`;
  const args = [text, status, headers, bodyText.slice(0, 4000), retryAfterMs, messages] as const;
  if (status === 400) {
    return messages.some((m) => /storage/i.test(m) && /(quota|exceed|limit)/i.test(m))
      ? new FreshsalesStorageQuotaError(...args)
      : new FreshsalesValidationError(...args);
  }
  if (status === 401) return new FreshsalesAuthError(...args);
  if (status === 403) return new FreshsalesForbiddenError(...args);
  if (status === 404) return new FreshsalesNotFoundError(...args);
  if (status === 413) return new FreshsalesPayloadTooLargeError(...args);
  return new FreshsalesError(...args);
}
