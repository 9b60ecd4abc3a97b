/**
 * A full run that is over: passed (`done`) or over its failure thresholds
 * (`done_with_failures`). Plain data, so pages in the browser read the same list as the server.
 */
export const FINISHED_RUN = ["done", "done_with_failures"] as const;

export function isFinishedRun(status: string): boolean {
  return (FINISHED_RUN as readonly string[]).includes(status);
}
