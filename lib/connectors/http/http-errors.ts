import type { IncomingHttpHeaders } from "node:http";

/**
 * Errors of the shared HTTP layer. The retry policy classifies by these classes, so a
 * connector's own typed errors extend `HttpStatusError` to stay retryable where they should.
 */

/** The server answered with a non-success status. */
export class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    /** Raw body text (truncated), kept for diagnostics; never contains request secrets. */
    readonly bodyText: string,
    /** Wait the server asked for, from `Retry-After`, in real milliseconds. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = "HttpStatusError";
  }
}

/** No answer (or no further bytes) within the per-request timeout. */
export class RequestTimeoutError extends Error {
  constructor(readonly url: string, readonly timeoutMs: number) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = "RequestTimeoutError";
  }
}

/** The connection failed or was reset. `requestSent` is false when it never connected. */
export class NetworkError extends Error {
  constructor(readonly url: string, readonly code: string | undefined, readonly requestSent: boolean, cause: unknown) {
    super(`network error ${code ?? "unknown"} on ${url}`, { cause });
    this.name = "NetworkError";
  }
}

/** A 2xx answer whose body is not what the contract promises (bad JSON, missing keys). */
export class MalformedResponseError extends Error {
  constructor(readonly url: string, detail: string) {
    super(`malformed response from ${url}: ${detail}`);
    this.name = "MalformedResponseError";
  }
}

export type FailureKind = "rate-limit" | "transient" | "malformed" | "fatal";

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof HttpStatusError) {
    if (error.status === 429) return "rate-limit";
    if (error.status >= 500) return "transient";
    return "fatal";
  }
  if (error instanceof RequestTimeoutError || error instanceof NetworkError) return "transient";
  if (error instanceof MalformedResponseError) return "malformed";
  return "fatal";
}
