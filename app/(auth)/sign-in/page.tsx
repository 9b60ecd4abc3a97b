import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card } from "@/components/ui/card";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <Card>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <Suspense>
        <SignInForm />
      </Suspense>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-accent-600 underline">
          Create an organisation
        </Link>
      </p>
    </Card>
  );
}
