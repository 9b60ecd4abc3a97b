/**
 * Ordered shutdown for the long-running scripts (start, worker, sandbox): on SIGINT or
 * SIGTERM the registered steps run one after another, lowest `order` first, so the
 * database (order 100) stops after the processes that use it. A second signal exits at once.
 */
type Step = { name: string; order: number; run: () => Promise<void> };
const steps: Step[] = [];
let installed = false;
let stopping = false;

export function onShutdown(name: string, run: () => Promise<void>, order = 10): void {
  steps.push({ name, order, run });
  steps.sort((a, b) => a.order - b.order);
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      void shutdown(signal);
    });
  }
}

export async function shutdown(reason: string, code = 0): Promise<never> {
  stopping = true;
  console.log(`\nStopping (${reason})…`);
  for (const step of steps) {
    try {
      await step.run();
    } catch (e) {
      console.error(`  ${step.name} did not stop cleanly:`, e instanceof Error ? e.message : e);
    }
  }
  process.exit(code);
}
