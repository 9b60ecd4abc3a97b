import { randomUUID } from "node:crypto";
import { logger } from "./logger";

/**
 * Errors whose message is safe to show a user. Anything else is unexpected: it is logged
 * with an id and the user sees a generic message carrying that id.
 */
export class AppError extends Error {
  readonly expose = true;
  constructor(
    message: string,
    readonly status = 400,
    readonly code = "bad_request",
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Missing and "someone else's" answer alike, so nobody can probe which ids exist. */
export class NotFoundError extends AppError {
  constructor(what = "Resource") {
    super(`${what} not found`, 404, "not_found");
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Please sign in") {
    super(message, 401, "unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that") {
    super(message, 403, "forbidden");
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(message, 400, "validation");
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The message a user may see for `e`; unexpected errors are logged here with an id. */
export function userMessageFor(e: unknown, context: Record<string, unknown> = {}): string {
  if (isAppError(e)) return e.message;
  const errorId = randomUUID().slice(0, 8);
  logger.error({ err: e, errorId, ...context }, "unexpected error");
  return `Something went wrong. Reference: ${errorId}`;
}
