import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isSignInBlocked, limitKeys, recordSignInFailure } from "./sign-in-limit";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

export const TOO_MANY_ATTEMPTS = "Too many failed sign-ins. Try again in a few minutes.";
export const BAD_CREDENTIALS = "Email or password is incorrect.";

function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : undefined);
}

/** next-auth configuration. Only lib/server/auth/session.ts and the auth route import it. */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(BAD_CREDENTIALS);
          const { email, password } = parsed.data;
          const keys = limitKeys(email, clientAddress(req?.headers));
          const limit = {
            maxFailures: env().SIGN_IN_MAX_FAILURES,
            maxFailuresPerAddress: env().SIGN_IN_MAX_FAILURES_PER_ADDRESS,
            windowMinutes: env().SIGN_IN_WINDOW_MINUTES,
          };
          if (await isSignInBlocked(db(), keys, limit)) {
            logger.warn({ email }, "sign-in blocked by rate limit");
            throw new Error(TOO_MANY_ATTEMPTS);
          }
          const user = await db().user.findUnique({
            where: { email },
            omit: { passwordHash: false },
          });
          const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
          if (!user || !ok) {
            await recordSignInFailure(db(), keys);
            throw new Error(BAD_CREDENTIALS);
          }
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        // Role and organisation are read from the database per request (session.ts), so a
        // changed role takes effect at once; the token only carries who signed in.
        return { ...session, uid: token.uid };
      },
    },
  };
}
