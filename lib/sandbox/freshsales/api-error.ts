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

export function errorBody(status: number, messages: string[]): { errors: { code: number; message: string[] } } {
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
