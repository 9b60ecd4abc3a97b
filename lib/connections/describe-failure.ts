import { FreshsalesAuthError, FreshsalesOutcomeUnknownError } from "@/lib/connectors/freshsales/errors";
import { HttpStatusError, MalformedResponseError, NetworkError, RequestTimeoutError } from "@/lib/connectors/http/http-errors";
import { VpMalformedPageError, VpPageFailedError, VpUnauthorizedError } from "@/lib/connectors/visual-practice/errors";
import { isAppError, userMessageFor } from "@/lib/server/errors";

export type SystemName = "Visual Practice" | "Freshsales";

/** A 2xx answer that is not what the API would say (no owners, no record counts). */
export class NotThatApiError extends Error {
  override name = "NotThatApiError";
}

/**
 * A failed "Test connection" in plain words: wrong key, unreachable host, not the API.
 * Connector errors are mapped by type; anything else is logged (never with the secret,
 * which the connectors do not put in errors) and shown with a reference.
 */
export function describeFailure(error: unknown, system: SystemName, baseUrl: string): string {
  const e = unwrap(error);
  const host = hostOf(baseUrl);
  if (e instanceof VpUnauthorizedError) return "Visual Practice refused the token (401). Check that it is a current API token with read access.";
  if (e instanceof FreshsalesAuthError) return "Freshsales refused the API key (401). Copy it again from Profile Settings › API Settings in Freshsales.";
  if (e instanceof NetworkError) {
    if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return `Could not reach ${host}: no such host. Check the address.`;
    if (e.code === "ECONNREFUSED") return `Could not reach ${host}: the connection was refused. Check the address and port.`;
    return `Could not reach ${host} (${e.code ?? "network error"}).`;
  }
  if (e instanceof RequestTimeoutError) return `${host} did not answer within ${Math.round(e.timeoutMs / 1000)} seconds.`;
  if (e instanceof NotThatApiError || e instanceof MalformedResponseError || e instanceof VpMalformedPageError) {
    return `${baseUrl} did not answer like the ${system} API. Check the address.`;
  }
  if (e instanceof HttpStatusError) {
    if (e.status === 403) return `${system} accepted the credentials but denied access (403): the user behind them needs admin rights.`;
    if (e.status === 404 || e.status === 405 || e.status === 400) return `${baseUrl} did not answer like the ${system} API (it said ${e.status}). Check the address.`;
    if (e.status === 429) return `${system} is rate limiting these requests; try again in a minute.`;
    if (e.status >= 500) return `${system} answered with a server error (${e.status}); try again later.`;
    return `${system} answered ${e.status}; check the address and the credentials.`;
  }
  if (isAppError(e)) return e.message;
  return userMessageFor(e, { during: `test of ${system} connection`, host });
}

function unwrap(error: unknown): unknown {
  let e = error;
  while ((e instanceof VpPageFailedError || e instanceof FreshsalesOutcomeUnknownError) && e.cause) e = e.cause;
  return e;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
