import { SandboxClock } from "./shared/clock";
import { profileFromEnv, type ProfileName } from "./freshsales/profile";
import { startFreshsalesEmulator, type FreshsalesEmulator } from "./freshsales/server";
import { destinationSetup } from "./generator/destination-setup";
import { startVisualPracticeServer, type VisualPracticeServer } from "./visual-practice/server";

export interface SandboxOptions {
  seed?: number;
  /** Source records in total, split across collections in realistic proportions. */
  total?: number;
  vpPort?: number;
  fsPort?: number;
  /** Visual Practice requests per second (0 = no limit). */
  vpRatePerSecond?: number;
  freshsalesPlan?: "free" | "growth" | "pro" | "enterprise";
  /** Emulated ms per real ms for both servers. */
  clockScale?: number;
  vpToken?: string;
  fsApiKey?: string;
  /**
   * How Freshsales answers the doc's open points (lib/sandbox/freshsales/README.md). Unset: the
   * `FRESHSALES_EMULATOR_PROFILE` environment variable, else "default".
   */
  freshsalesProfile?: ProfileName;
}

export interface Sandbox {
  visualPractice: VisualPracticeServer;
  freshsales: FreshsalesEmulator;
  close(): Promise<void>;
}

/**
 * Both sandbox CRMs on one generated dataset: Visual Practice serves the generated source,
 * and Freshsales starts as the customer's destination account would (matching users,
 * pipelines with one stage named differently, no custom fields yet).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = { seed: options.seed ?? 1, total: options.total ?? 2_000 };
  // Read before anything starts, so a bad value leaves no server running.
  const profile = options.freshsalesProfile ?? profileFromEnv(process.env.FRESHSALES_EMULATOR_PROFILE);
  const clock = new SandboxClock(options.clockScale ?? 1);
  const visualPractice = await startVisualPracticeServer({
    ...config,
    port: options.vpPort ?? 0,
    token: options.vpToken,
    ratePerSecond: options.vpRatePerSecond ?? 20,
    clock,
  });
  const freshsales = await startFreshsalesEmulator({
    port: options.fsPort ?? 0,
    plan: options.freshsalesPlan ?? "growth",
    apiKeys: options.fsApiKey ? [options.fsApiKey] : undefined,
    clock,
    profile,
  });
  freshsales.admin.load(destinationSetup(visualPractice.dataset) as Parameters<FreshsalesEmulator["admin"]["load"]>[0]);
  return {
    visualPractice,
    freshsales,
    async close() {
      await Promise.all([visualPractice.close(), freshsales.close()]);
    },
  };
}
