"use client";

import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { inputClass } from "@/components/ui/field";
import { renameMigrationAction } from "@/lib/gates/actions";

export function RenameMigrationForm({ migrationId, name }: { migrationId: string; name: string }) {
  const { execute, result, isExecuting } = useAction(renameMigrationAction, {
    onSuccess() {
      toast.success("Renamed");
    },
  });
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ migrationId, name: String(new FormData(e.currentTarget).get("name")) });
      }}
    >
      <div className="grow">
        <label htmlFor="rename" className="block text-sm font-medium">Name</label>
        <input id="rename" name="name" defaultValue={name} className={inputClass} />
      </div>
      <Button type="submit" variant="secondary" disabled={isExecuting}>Rename</Button>
      <FormError message={result.serverError} className="w-full" />
    </form>
  );
}
