import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultInjector } from "@/lib/sandbox/shared/faults";
import { createAdmin, type FreshsalesAdmin } from "./admin";
import { registerAdminRoutes } from "./admin-routes";
import { Core, type EmulatorStats } from "./core";
import type { ProfileName } from "./profile";
import { registerRoutes } from "./routes";
import { API_PREFIX, handle, sendError, type Routers } from "./request-pipeline";
import { Router } from "./router";
import type { ApiKeyConfig, FreshsalesEmulatorOptions } from "./types";

export type { FreshsalesEmulatorOptions } from "./types";

export interface FreshsalesEmulator {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** `${url}/crm/sales/api` */
  apiBase: string;
  /** The first configured API key. */
  apiKey: string;
  /** How the open points of the doc are answered (profile.ts). */
  profile: ProfileName;
  faults: FaultInjector;
  admin: FreshsalesAdmin;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

export async function startFreshsalesEmulator(options: FreshsalesEmulatorOptions = {}): Promise<FreshsalesEmulator> {
  const core = new Core(options);
  const admin = createAdmin(core);
  const keys = new Map<string, ApiKeyConfig>();
  const configured = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [randomBytes(16).toString("hex")];
  for (const k of configured) {
    const cfg = typeof k === "string" ? { key: k } : k;
    keys.set(cfg.key, cfg);
  }
  const routers: Routers = { api: new Router(), classic: new Router(), admin: new Router() };
  registerRoutes(routers.api, routers.classic);
  registerAdminRoutes(routers.admin, admin);

  const server: Server = createServer((req, res) => {
    handle(core, routers, { keys }, req, res).catch((e: unknown) => {
      console.error("[freshsales-emulator] request failed", e);
      sendError(res, 500, undefined, undefined, core.profile.errors.shape);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  core.selfOrigin = url;
  const firstKey = [...keys.keys()][0] as string;
  return {
    url,
    apiBase: `${url}${API_PREFIX}`,
    apiKey: firstKey,
    profile: core.profile.name,
    faults: core.faults,
    admin,
    stats: () => core.stats(),
    close: async () => {
      for (const t of core.pendingTimers) clearTimeout(t);
      core.faults.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
