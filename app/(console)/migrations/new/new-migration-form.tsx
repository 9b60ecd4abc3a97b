"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { firstFieldErrors } from "@/components/form-errors";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { createMigrationAction } from "@/lib/gates/actions";

export function NewMigrationForm() {
  const router = useRouter();
  const { execute, result, isExecuting } = useAction(createMigrationAction, {
    onSuccess({ data }) {
      toast.success("Migration created");
      if (data) router.push(`/migrations/${data.id}`);
    },
    onError({ error }) {
      if (error.serverError) toast.error(error.serverError);
    },
  });
  const errors = firstFieldErrors(result.validationErrors);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        execute({
          name: String(new FormData(e.currentTarget).get("name")),
          sourcePlatform: "visual-practice",
          destinationPlatform: "freshsales",
        });
      }}
    >
      <Field id="name" name="name" label="Name" placeholder="Acme Clinic cutover" required error={errors.name} />
      <div className="grid grid-cols-2 gap-4">
        <div className="space-y-1">
          <label htmlFor="source" className="block text-sm font-medium">Source</label>
          <select id="source" className={inputClass} defaultValue="visual-practice">
            <option value="visual-practice">Visual Practice</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="destination" className="block text-sm font-medium">Destination</label>
          <select id="destination" className={inputClass} defaultValue="freshsales">
            <option value="freshsales">Freshsales</option>
          </select>
        </div>
      </div>
      <Button type="submit" disabled={isExecuting}>
        {isExecuting ? "Creating…" : "Create migration"}
      </Button>
    </form>
  );
}
