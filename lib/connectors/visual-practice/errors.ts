import { HttpStatusError } from "../http/http-errors";

/** The token is missing, wrong or revoked (401). Not retried. */
export class VpUnauthorizedError extends HttpStatusError {
  override name = "VpUnauthorizedError";
}

/** 400 from the server, e.g. `invalid_parameter`. Not retried. */
export class VpBadRequestError extends HttpStatusError {
  override name = "VpBadRequestError";
}

/** A page whose body stayed malformed (bad JSON, no `data` array) after the retries. */
export class VpMalformedPageError extends Error {
  override name = "VpMalformedPageError";
  constructor(readonly collection: string, readonly page: number, cause: unknown) {
    super(`page ${page} of ${collection} is malformed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Any other failure of one page after retries (5xx persisting, timeouts, 429s not clearing). */
export class VpPageFailedError extends Error {
  override name = "VpPageFailedError";
  constructor(readonly collection: string, readonly page: number, cause: unknown) {
    super(`page ${page} of ${collection} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Reads the `{"error":{"code","message"}}` envelope, tolerating anything else. */
export function vpErrorCode(bodyText: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(bodyText) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === "string" ? body.error.code : undefined;
    const message = typeof body.error?.message === "string" ? body.error.message : undefined;
    return { code, message };
  } catch {
    return {};
  }
}
