import type { FreshsalesEmulator } from "./server";

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny client for the emulator's tests: JSON in, JSON out, the account key by default. */
export function client(emu: FreshsalesEmulator, key: string | null = emu.apiKey) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<CallResult<T>> {
    const headers: Record<string, string> = {};
    if (key !== null) headers.authorization = `Token token=${key}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const url = path.startsWith("/_emulator") || path.startsWith("/api/") ? `${emu.url}${path}` : `${emu.apiBase}${path}`;
    const res = await fetch(url, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  };
}

/** The messages of an error envelope, joined, for assertions on the named field. */
export function errorText(body: unknown): string {
  const errors = (body as { errors?: { message?: string[] } } | null)?.errors;
  return (errors?.message ?? []).join(" | ");
}
