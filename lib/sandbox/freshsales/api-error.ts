/** An API failure answered in the project-wide error envelope (decision 3). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.join("; "));
  }
}

export type ErrorShape = "code_message" | "field_list";

/** Leading words of messages that are not field names ("each item must be an object"). */
const NOT_FIELDS = new Set(["each", "at", "the", "no", "a", "an", "login", "you", "api", "bad", "service", "internal"]);

/** Splits "name is required" / "emails: x already exists" into the field it names and the rest. */
export function fieldOf(message: string): { field?: string; message: string } {
  const m = /^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)(:\s*|\s+)(.+)$/s.exec(message);
  if (!m || NOT_FIELDS.has(m[1] as string)) return { message };
  return { field: m[1] as string, message: m[3] as string };
}

/**
 * §4's observed envelope `{errors: {code, message: [...]}}` (default), or the other shape
 * clients read, `{errors: [{field, message}]}` (variant), each message naming its field.
 */
export function errorBody(status: number, messages: string[], shape: ErrorShape = "code_message"): unknown {
  if (shape === "field_list") return { errors: messages.map(fieldOf) };
  return { errors: { code: status, message: messages } };
}

export const badRequest = (...messages: string[]): ApiError => new ApiError(400, messages);

export const notFound = (what: string): ApiError => new ApiError(404, [`${what} not found`]);

export function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return "Login failed: the API key is missing or invalid";
    case 403:
      return "You do not have permission to access this resource";
    case 404:
      return "The requested resource was not found";
    case 413:
      return "The request entity is too large";
    case 429:
      return "API rate limit exceeded";
    case 502:
      return "Bad gateway";
    case 503:
      return "Service temporarily unavailable";
    default:
      return "Internal server error";
  }
}
