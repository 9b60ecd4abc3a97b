/**
 * What an injected fault looks like on the wire. Default: the JSON error envelope with
 * `Retry-After` on 429/503 (the shared injector's answer). Variant: a 5xx is the HTML page a
 * gateway in front of Freshsales would send, and no answer carries `Retry-After` (§3: one
 * client reads it "if present").
 */
import type { InjectedAnswer } from "@/lib/sandbox/shared/faults";
import { defaultMessage, errorBody } from "./api-error";
import type { EmulatorProfile } from "./profile";

const TITLES: Record<number, string> = {
  500: "500 Internal Server Error",
  502: "502 Bad Gateway",
  503: "503 Service Temporarily Unavailable",
};

export function gatewayPage(status: number): string {
  const title = TITLES[status] ?? `${status} Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** undefined: the injector's own default answer. */
export function injectedAnswer(profile: EmulatorProfile, status: number, retryAfterSeconds: number): InjectedAnswer | undefined {
  const asShared = !profile.errors.htmlGateway && profile.errors.shape === "code_message" && profile.rateLimit.retryAfter;
  if (asShared) return undefined;
  const headers: Record<string, string> = {};
  if (profile.rateLimit.retryAfter && (status === 429 || status === 503)) headers["retry-after"] = String(retryAfterSeconds);
  if (status >= 500 && profile.errors.htmlGateway) return { headers: { ...headers, "content-type": "text/html" }, text: gatewayPage(status) };
  return { headers: { ...headers, "content-type": "application/json" }, text: JSON.stringify(errorBody(status, [defaultMessage(status)], profile.errors.shape)) };
}
