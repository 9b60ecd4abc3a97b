import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an organisation" };

export default function SignUpPage() {
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">Create an organisation</h1>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">You become its admin and can invite your team.</p>
      <SignUpForm />
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
        Have an account?{" "}
        <Link href="/sign-in" className="font-medium text-accent-600 underline">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
