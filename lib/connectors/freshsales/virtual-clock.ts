/**
 * Virtual time for governor tests and the bench: `sleep` parks the caller, and `run` advances
 * the clock to the next wake-up only once every caller is parked, so pacing is checked
 * exactly and without real waiting. Test support only.
 */
export class VirtualClock {
  private current = 1_000_000;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  now = (): number => this.current;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), seq: this.seq++, resolve });
    });

  /** Drives the clock until `done` settles. */
  async run<T>(done: Promise<T>): Promise<T> {
    let finished = false;
    const result = done.finally(() => {
      finished = true;
    });
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (finished) return result;
      if (this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) continue;
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
  }
}
