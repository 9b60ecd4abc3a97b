"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { firstFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field } from "@/components/ui/field";
import { inviteMemberAction } from "@/lib/accounts/actions";

export function InviteForm() {
  const [link, setLink] = useState<string>();
  const { execute, result, isExecuting } = useAction(inviteMemberAction, {
    onSuccess({ data }) {
      setLink(data?.inviteUrl);
      toast.success("Invitation created");
    },
  });
  const errors = firstFieldErrors(result.validationErrors);
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ email: String(new FormData(e.currentTarget).get("email")) });
      }}
    >
      <Field id="invite-email" name="email" type="email" label="Email" required error={errors.email} />
      <FormError message={result.serverError} />
      <Button type="submit" disabled={isExecuting}>Create invite link</Button>
      {link && (
        <div className="space-y-1">
          <label htmlFor="invite-link" className="block text-sm font-medium">Send this link to them</label>
          <input id="invite-link" readOnly value={link} className="w-full rounded border border-zinc-300 bg-zinc-50 px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-950" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </form>
  );
}
