import { encryptSecret } from "@/lib/connections/crypto";
import type { Db } from "@/lib/server/db";

export interface SandboxEndpoints {
  vpBaseUrl: string;
  vpToken: string;
  fsBaseUrl: string;
  fsApiKey: string;
  fsPlan: string;
}

const isLocal = (url: string | null) => !url || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url);

/**
 * Points the demo migration's two connections at the running sandbox. A connection the user
 * re-pointed at a real system is left alone.
 */
export async function connectDemoToSandbox(db: Db, organizationId: string, migrationId: string, s: SandboxEndpoints, encryptionKey: string) {
  const wanted = [
    { kind: "VISUAL_PRACTICE" as const, baseUrl: s.vpBaseUrl, secret: s.vpToken, plan: null },
    { kind: "FRESHSALES" as const, baseUrl: s.fsBaseUrl, secret: s.fsApiKey, plan: s.fsPlan },
  ];
  for (const w of wanted) {
    const existing = await db.connection.findUnique({ where: { migrationId_kind: { migrationId, kind: w.kind } } });
    if (existing && (!isLocal(existing.baseUrl) || existing.mode !== "api")) continue;
    const row =
      existing ??
      (await db.connection.create({ data: { organizationId, migrationId, kind: w.kind, mode: "api", baseUrl: w.baseUrl, plan: w.plan } }));
    await db.connection.update({
      where: { id: row.id },
      data: { baseUrl: w.baseUrl, plan: w.plan, secretCiphertext: encryptSecret(w.secret, encryptionKey, row.id) },
    });
  }
}
