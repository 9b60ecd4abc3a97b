/**
 * Accepts what admins paste: a bundle alias (`acme`), a bundle domain
 * (`acme.myfreshworks.com`), or any full base URL (a sandbox, a proxy). A URL without a path
 * gets the standard `/crm/sales/api`.
 */
export function normalizeFreshsalesBaseUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, "");
  if (trimmed === "") throw new Error("Freshsales domain is empty");
  if (/^[a-z0-9][a-z0-9-]*$/i.test(trimmed)) return `https://${trimmed.toLowerCase()}.myfreshworks.com/crm/sales/api`;
  const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  let path = url.pathname.replace(/\/+$/, "");
  if (path === "") path = "/crm/sales/api";
  else if (path.endsWith("/crm/sales")) path = `${path}/api`;
  return `${url.protocol}//${url.host}${path}`;
}
