"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { runSystemCheckAction } from "@/lib/system/actions";

/** Queues a check, then refreshes the page a few times until the worker's answer shows. */
export function SystemCheckButton() {
  const router = useRouter();
  const [polls, setPolls] = useState(0);
  const { execute, isExecuting } = useAction(runSystemCheckAction, {
    onSuccess() {
      toast.info("Check queued");
      setPolls(10);
    },
    onError({ error }) {
      toast.error(error.serverError ?? "Could not queue the check");
    },
  });
  useEffect(() => {
    if (polls <= 0) return;
    const t = setTimeout(() => {
      router.refresh();
      setPolls((p) => p - 1);
    }, 1000);
    return () => clearTimeout(t);
  }, [polls, router]);
  return (
    <Button variant="secondary" onClick={() => execute({})} disabled={isExecuting}>
      Run worker check
    </Button>
  );
}
