import type { IncomingMessage, ServerResponse } from "node:http";
import { isCollection } from "../generator/config";
import type { JsonObject } from "../generator/json";
import type { FaultConfig, FaultInjector } from "../shared/faults";
import { readJsonBody, sendError, sendJson } from "./http-util";
import { NotFoundError, type Overlay } from "./overlay";

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sandbox-only endpoints (not rate-limited, not under /api/v1) so browser tests can change the
 * source during a delta window: POST /_sandbox/update {collection, id, patch},
 * /_sandbox/create {collection, record}, /_sandbox/delete {collection, id}, and
 * /_sandbox/faults {seed?, rules} (an empty rules list clears them).
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { overlay: Overlay; faults: FaultInjector },
): Promise<void> {
  if (req.method !== "POST") {
    sendError(res, 405, "method_not_allowed", "sandbox admin endpoints take POST", { allow: "POST" });
    return;
  }
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch {
    sendError(res, 400, "invalid_parameter", "body must be JSON");
    return;
  }
  if (!isObject(body)) {
    sendError(res, 400, "invalid_parameter", "body must be a JSON object");
    return;
  }
  const action = url.pathname.slice("/_sandbox/".length);
  if (action === "faults") {
    deps.faults.set(body as unknown as FaultConfig);
    sendJson(res, 200, { data: deps.faults.get() });
    return;
  }
  const collection = typeof body.collection === "string" ? body.collection : "";
  if (!isCollection(collection)) {
    sendError(res, 400, "invalid_parameter", `unknown collection "${collection}"`);
    return;
  }
  const id = typeof body.id === "string" ? body.id : "";
  try {
    if (action === "update" && isObject(body.patch)) {
      sendJson(res, 200, { data: deps.overlay.update(collection, id, body.patch) });
    } else if (action === "create" && isObject(body.record)) {
      sendJson(res, 201, { data: deps.overlay.create(collection, body.record) });
    } else if (action === "delete") {
      sendJson(res, 200, { data: deps.overlay.softDelete(collection, id) });
    } else if (["update", "create"].includes(action)) {
      sendError(res, 400, "invalid_parameter", action === "update" ? "patch must be an object" : "record must be an object");
    } else {
      sendError(res, 404, "not_found", `no sandbox action ${action}`);
    }
  } catch (error) {
    if (error instanceof NotFoundError) sendError(res, 404, "not_found", error.message);
    else throw error;
  }
}
