import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { isSignInBlocked, limitKeys, recordSignInFailure } from "./sign-in-limit";

const limit = { maxFailures: 3, maxFailuresPerAddress: 3, windowMinutes: 15 };

describe("failed sign-in limit", () => {
  it("blocks an email after the allowed failures, from any address", async () => {
    const email = `victim-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) {
      expect(await isSignInBlocked(db(), limitKeys(email, `10.0.0.${i}`), limit)).toBe(false);
      await recordSignInFailure(db(), limitKeys(email, `10.0.0.${i}`));
    }
    expect(await isSignInBlocked(db(), limitKeys(email, "10.0.0.99"), limit)).toBe(true);
    expect(await isSignInBlocked(db(), limitKeys(email.toUpperCase(), undefined), limit)).toBe(true);
  });

  it("blocks an address that tries many emails", async () => {
    const address = `192.0.2.${Date.now() % 200}`;
    for (let i = 0; i < 3; i++) await recordSignInFailure(db(), limitKeys(`u${i}-${Date.now()}@example.com`, address));
    expect(await isSignInBlocked(db(), limitKeys(`fresh-${Date.now()}@example.com`, address), limit)).toBe(true);
  });

  it("forgets failures outside the window", async () => {
    const email = `old-${Date.now()}@example.com`;
    const keys = limitKeys(email, undefined);
    await db().signInFailure.createMany({
      data: Array.from({ length: 5 }, () => ({ key: keys[0]!, createdAt: new Date(Date.now() - 16 * 60_000) })),
    });
    expect(await isSignInBlocked(db(), keys, limit)).toBe(false);
  });
});
