"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/field";
import { signUpAction } from "@/lib/accounts/actions";
import { firstFieldErrors } from "@/components/form-errors";
import { signInAndEnter } from "@/components/sign-in-and-enter";

export function SignUpForm() {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const { execute, result, isExecuting } = useAction(signUpAction, {
    onSuccess: ({ input }) => signInAndEnter(router, input.email, password),
  });
  const errors = firstFieldErrors(result.validationErrors);

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        execute({
          organizationName: String(f.get("organizationName")),
          name: String(f.get("name")),
          email: String(f.get("email")),
          password,
        });
      }}
    >
      <Field id="organizationName" name="organizationName" label="Organisation" required error={errors.organizationName} />
      <Field id="name" name="name" label="Your name" autoComplete="name" required error={errors.name} />
      <Field id="email" name="email" type="email" label="Work email" autoComplete="email" required error={errors.email} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        hint="At least 10 characters."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        error={errors.password}
      />
      <FormError message={result.serverError} />
      <Button type="submit" className="w-full" disabled={isExecuting}>
        {isExecuting ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
