import type { Db } from "../db";

/**
 * Failed sign-ins are counted per email and per client address over a sliding window;
 * past the limit, sign-in answers "too many attempts" without checking the password.
 */
export interface SignInLimit {
  /** Per email. */
  maxFailures: number;
  /** Per client address; defaults to `maxFailures`. */
  maxFailuresPerAddress?: number;
  windowMinutes: number;
}

export function limitKeys(email: string, address: string | undefined): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (address) keys.push(`ip:${address}`);
  return keys;
}

export async function isSignInBlocked(db: Db, keys: string[], limit: SignInLimit): Promise<boolean> {
  const since = new Date(Date.now() - limit.windowMinutes * 60_000);
  const counts = await Promise.all(
    keys.map((key) => db.signInFailure.count({ where: { key, createdAt: { gte: since } } })),
  );
  return counts.some((c, i) => {
    const max = keys[i]!.startsWith("ip:") ? (limit.maxFailuresPerAddress ?? limit.maxFailures) : limit.maxFailures;
    return c >= max;
  });
}

export async function recordSignInFailure(db: Db, keys: string[]): Promise<void> {
  await db.signInFailure.createMany({ data: keys.map((key) => ({ key })) });
}
