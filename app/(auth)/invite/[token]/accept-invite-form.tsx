"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { firstFieldErrors } from "@/components/form-errors";
import { signInAndEnter } from "@/components/sign-in-and-enter";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/field";
import { acceptInviteAction } from "@/lib/accounts/actions";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const { execute, result, isExecuting } = useAction(acceptInviteAction, {
    onSuccess: () => signInAndEnter(router, email, password),
  });
  const errors = firstFieldErrors(result.validationErrors);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ token, name: String(new FormData(e.currentTarget).get("name")), password });
      }}
    >
      <Field id="name" name="name" label="Your name" required error={errors.name} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Choose a password"
        autoComplete="new-password"
        hint="At least 10 characters."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <FormError message={result.serverError} />
      <Button type="submit" className="w-full" disabled={isExecuting}>
        Join
      </Button>
    </form>
  );
}
