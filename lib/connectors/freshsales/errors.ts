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

/**
 * Human messages from one error value, whatever its shape (§4): a string, an array of them,
 * `{message}` (string or array), `{field, message}` (the field kept), `{errors|error: ...}`,
 * or a map of field → messages (`{"email": ["is taken"]}`). A bare `code` is the last resort.
 */
export function messagesOf(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (!value || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const field = typeof obj.field === "string" ? obj.field : typeof obj.attribute === "string" ? obj.attribute : undefined;
  for (const key of ["message", "messages", "errors", "error", "description", "detail"]) {
    if (obj[key] === undefined || obj[key] === null) continue;
    const found = messagesOf(obj[key]);
    if (found.length > 0) return field ? found.map((m) => `${field} ${m}`) : found;
  }
  const perField = Object.entries(obj).filter(([key]) => key !== "code" && key !== "field" && key !== "status");
  const named = perField.flatMap(([key, v]) => (typeof v === "string" || Array.isArray(v) ? messagesOf(v).map((m) => `${key} ${m}`) : []));
  if (named.length > 0) return named;
  return typeof obj.code === "string" || typeof obj.code === "number" ? [`code ${String(obj.code)}`] : [];
}

/** A gateway's HTML page cut down to its words (its title when it has one), so the message stays readable. */
function htmlText(text: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const words = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  return words.slice(0, 300);
}

/** Pulls human messages from every error shape Freshsales clients report seeing (§4); a non-JSON body (a gateway's HTML page) is kept as text. */
export function errorMessages(bodyText: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    const text = /^\s*</.test(bodyText) ? htmlText(bodyText) : bodyText.trim().slice(0, 500);
    return text ? [text] : [];
  }
  if (!body || typeof body !== "object") return messagesOf(body);
  const obj = body as Record<string, unknown>;
  for (const key of ["errors", "error", "message"]) {
    const found = messagesOf(obj[key]);
    if (found.length > 0) return found;
  }
  return messagesOf(obj);
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
