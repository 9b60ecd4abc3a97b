import { z } from "zod";

/**
 * The one place that reads process.env. A bad or missing setting fails at start with a
 * message that names it. The start and worker scripts fill in DATABASE_URL, AUTH_SECRET and
 * ENCRYPTION_KEY for a local run (embedded database, generated secrets kept in .data/).
 */
const bool = z
  .enum(["true", "false", "1", "0", "on", "off"])
  .transform((v) => v === "true" || v === "1" || v === "on");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }).refine(
    (v) => v.startsWith("postgres://") || v.startsWith("postgresql://"),
    "DATABASE_URL must be a postgres:// URL",
  ),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /** 32 bytes, base64: the AES-256-GCM key for connection secrets. */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "ENCRYPTION_KEY must be 32 bytes in base64"),
  APP_URL: z.url().default("http://localhost:3000"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FILE_STORE_DIR: z.string().default(".data/files"),
  /** Where attachment bytes live between extraction and upload: a local folder (FILE_STORE_DIR),
   * or the database, which workers on other machines reach without a shared folder. */
  FILE_STORE: z.enum(["folder", "database"]).default("folder"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Failed sign-ins allowed per email, and per client address, in SIGN_IN_WINDOW_MINUTES. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Higher than per email: an office or a proxy puts many people behind one address. */
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Optional language-model refinement of the field map (any OpenAI-compatible endpoint). */
  MAPPING_LLM_BASE_URL: z.url().optional(),
  MAPPING_LLM_API_KEY: z.string().optional(),
  MAPPING_LLM_MODEL: z.string().optional(),
  /** Emulated milliseconds per real millisecond of the sandbox CRMs (rate windows scale by it). */
  SANDBOX_CLOCK_SCALE: z.coerce.number().positive().default(1),
  DEMO_SANDBOX: bool.default(true),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** Parsed lazily so `next build` can import modules without a database configured. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
