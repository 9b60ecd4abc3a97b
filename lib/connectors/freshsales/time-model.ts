/**
 * How long a number of API calls takes under a plan's limits: the one model the public
 * estimator, the dry run and the full-run page compute time from, so the three cannot disagree.
 *
 * Inputs: the plan's windows (plan-facts.ts, or a catalogue platform's), the calls still needed
 * (the fewest the documented API allows) and the share of calls repeated (429s, 5xx, timeouts,
 * bulk jobs polled more than once): observed on a run, assumed before one. The governor paces
 * calls at the tightest window; the run does not keep it busy all the time (phases wait for the
 * records they read), which `PACE_EFFICIENCY` accounts for, as measured by the migration bench.
 */

export interface CallLimits {
  perSecond?: number | null;
  perMinute?: number | null;
  perHour?: number | null;
  /** Spread over 24 hours: a migration runs longer than a daily window's burst. */
  perDay?: number | null;
}

/**
 * Repeated calls before a run has shown its own share (a 5xx, a timeout, a bulk job polled
 * twice): an assumption, shown as such; a running migration uses the share it observed.
 */
export const DEFAULT_RETRY_RATE = 0.03;

/**
 * Share of the plan's pace a run keeps: the migration bench's efficiency on the compressed
 * clock is 0.95–0.96 over a whole 20k run at Growth ×720; from a quarter done on, where the
 * page's figure is checked (lib/migration/time-left.db.test.ts, bench/timeline.bench.ts), the
 * phases that wait on others (line items after deals, activities after their parents) keep it
 * nearer 0.9; `low` is the floor of the range.
 */
export const PACE_EFFICIENCY = { expected: 0.9, low: 0.8 } as const;
/** Added to the retry share at the top of the range: a run's share moves as its phases change. */
const RETRY_MARGIN = 0.05;
/**
 * The bottom of the range below the plan's pace exactly: the calls still needed are an estimate
 * (a page counts a line-item call for every deal, not only those with items) and a window the
 * run left part-empty lets the next calls through faster for a while.
 */
const LOW_FACTOR = 0.75;

/** Sustained calls per hour under every window at once. */
export function sustainedCallsPerHour(limits: CallLimits): number {
  const candidates = [
    limits.perSecond == null ? undefined : limits.perSecond * 3600,
    limits.perMinute == null ? undefined : limits.perMinute * 60,
    limits.perHour ?? undefined,
    limits.perDay == null ? undefined : limits.perDay / 24,
  ].filter((v): v is number => v !== undefined);
  return candidates.length === 0 ? Infinity : Math.min(...candidates);
}

/** Seconds `calls` take at the plan's pace exactly (no repeats, never idle): the dry run's "best". */
export function secondsAtPace(calls: number, limits: CallLimits, clockScale = 1): number {
  const perHour = sustainedCallsPerHour(limits);
  return calls <= 0 || perHour === Infinity ? 0 : (calls / perHour) * 3600 / clockScale;
}

export interface TimePrediction {
  /** The calls still needed (the fewest) and with the repeats expected. */
  calls: number;
  expectedCalls: number;
  retryRate: number;
  /** Seconds left: the expected figure and its range. */
  seconds: number;
  lowSeconds: number;
  highSeconds: number;
}

/**
 * Time for `calls` under `limits`. `clockScale`: emulated milliseconds per real millisecond (the
 * sandbox's compressed clock), so the answer is in real seconds. `waitSeconds`: time already
 * queued at the governor (its backlog), added to every figure. `finishSeconds`: real time the
 * work's end takes beside its calls (a run's last job polls and its finish), half expected.
 */
export function predictTime(input: { calls: number; limits: CallLimits; retryRate?: number; clockScale?: number; waitSeconds?: number; finishSeconds?: number }): TimePrediction {
  const retryRate = Math.max(0, input.retryRate ?? DEFAULT_RETRY_RATE);
  const wait = Math.max(0, input.waitSeconds ?? 0);
  const finish = Math.max(0, input.finishSeconds ?? 0);
  const at = (calls: number) => secondsAtPace(calls, input.limits, input.clockScale);
  const expectedCalls = Math.ceil(input.calls * (1 + retryRate));
  if (input.calls <= 0) return { calls: 0, expectedCalls: 0, retryRate, seconds: 0, lowSeconds: 0, highSeconds: 0 };
  return {
    calls: input.calls,
    expectedCalls,
    retryRate,
    seconds: wait + at(expectedCalls) / PACE_EFFICIENCY.expected + finish / 2,
    lowSeconds: wait + at(input.calls) * LOW_FACTOR,
    highSeconds: wait + at(input.calls * (1 + retryRate + RETRY_MARGIN)) / PACE_EFFICIENCY.low + finish,
  };
}
