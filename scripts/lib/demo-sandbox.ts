import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { Db } from "@/lib/server/db";
import { startSandbox } from "@/lib/sandbox/start-sandbox";
import { connectDemoToSandbox } from "@/lib/demo/connect-sandbox";

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer().once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/**
 * The sandbox CRMs for the demo organisation, with keys kept in .data/sandbox.json so the
 * demo connections stay valid across restarts. Their data is generated from a fixed seed;
 * what the demo writes to the Freshsales emulator lasts until the next start.
 */
export async function startDemoSandbox(
  db: Db,
  demo: { organizationId: string; migrationId: string | null },
  dataDir: string,
  encryptionKey: string,
  clockScale: number,
) {
  const file = path.join(dataDir, "sandbox.json");
  const keys = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as { vpToken: string; fsApiKey: string })
    : { vpToken: randomBytes(12).toString("hex"), fsApiKey: randomBytes(12).toString("hex") };
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  const sandbox = await startSandbox({
    seed: 7,
    total: 3_000,
    vpPort: (await portFree(4010)) ? 4010 : 0,
    fsPort: (await portFree(4020)) ? 4020 : 0,
    vpToken: keys.vpToken,
    fsApiKey: keys.fsApiKey,
    clockScale,
  });
  if (demo.migrationId) {
    await connectDemoToSandbox(db, demo.organizationId, demo.migrationId, {
      vpBaseUrl: sandbox.visualPractice.baseUrl,
      vpToken: keys.vpToken,
      fsBaseUrl: sandbox.freshsales.apiBase,
      fsApiKey: keys.fsApiKey,
      fsPlan: "growth",
    }, encryptionKey);
  }
  return {
    close: () => sandbox.close(),
    lines: [
      `Sandbox Visual Practice: ${sandbox.visualPractice.baseUrl} (token ${keys.vpToken})`,
      `Sandbox Freshsales:      ${sandbox.freshsales.apiBase} (API key ${keys.fsApiKey})`,
    ],
  };
}
