import { createHash } from "node:crypto";
import { normalizeFreshsalesBaseUrl } from "@/lib/connectors/freshsales/base-url";
import { ValidationError } from "@/lib/server/errors";

/**
 * What admins type into the connection forms, checked and normalised once, so the stored
 * base URL is what the connectors call and an error says what to type instead.
 */
export function parseFreshsalesAddress(input: string): string {
  const trimmed = input.trim();
  if (trimmed === "") throw new ValidationError("Enter your Freshsales bundle domain (for example acme.myfreshworks.com) or its API URL");
  if (/\s/.test(trimmed)) throw new ValidationError("The Freshsales domain cannot contain spaces");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !/^https?:\/\//i.test(trimmed)) {
    throw new ValidationError("The Freshsales address must start with https:// (or http:// for a local test server)");
  }
  let normalized: string;
  let given: URL;
  try {
    normalized = normalizeFreshsalesBaseUrl(trimmed);
    given = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new ValidationError(`“${trimmed}” is not a domain or URL`);
  }
  // The connector's normaliser drops these silently; a key pasted into the URL must not be kept or ignored unseen.
  if (given.username || given.password) throw new ValidationError("Put the API key in its own field, not in the address");
  if (given.search || given.hash) throw new ValidationError("The Freshsales address cannot have a query string");
  const host = new URL(normalized).hostname;
  if (!host.includes(".") && host !== "localhost") throw new ValidationError(`“${trimmed}” is not a domain or URL`);
  return normalized;
}

/** A Visual Practice API base such as `https://acme.visualpractice.example/api/v1`; a bare origin gets `/api/v1`. */
export function parseVisualPracticeAddress(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new ValidationError(`“${trimmed}” is not a URL; enter the API base URL, for example https://acme.visualpractice.example/api/v1`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ValidationError("The Visual Practice URL must start with https:// (or http:// for a local test server)");
  if (url.username || url.password) throw new ValidationError("Put the token in its own field, not in the URL");
  if (url.search || url.hash) throw new ValidationError("The Visual Practice URL cannot have a query string");
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path === "" ? "/api/v1" : path}`;
}

/**
 * The shared rate budget's key for a Freshsales account: the host plus a short hash of the
 * API key, so two accounts on one host (sandboxes) keep separate budgets and the key itself
 * never lands in the budget table.
 */
export function budgetAccountKey(baseUrl: string, apiKey: string): string {
  const host = new URL(baseUrl).host.toLowerCase();
  return `freshsales:${host}:${createHash("sha256").update(apiKey).digest("hex").slice(0, 16)}`;
}
