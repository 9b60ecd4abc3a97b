"use client";

import { signIn } from "next-auth/react";
import type { useRouter } from "next/navigation";

/** After an account is created (sign-up, accepted invite): sign in and open the console. */
export async function signInAndEnter(router: ReturnType<typeof useRouter>, email: string, password: string) {
  await signIn("credentials", { email, password, redirect: false });
  router.replace("/migrations");
  router.refresh();
}
