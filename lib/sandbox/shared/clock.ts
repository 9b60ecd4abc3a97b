/**
 * A compressed clock for the sandbox servers. With `scale` 720, one emulated hour passes in
 * five real seconds, so hourly rate limits can be exercised in tests and benchmarks.
 * Both sandbox servers measure every window (rate limits, `updated_at` stamps) with it.
 */
export class SandboxClock {
  private readonly realStart = Date.now();

  constructor(
    /** Emulated milliseconds per real millisecond. 1 means real time. */
    readonly scale = 1,
    /** The emulated time at start; defaults to the real time. */
    private readonly emulatedStart = Date.now(),
  ) {
    if (!(scale > 0)) throw new Error(`clock scale must be positive, got ${scale}`);
  }

  /** Emulated epoch milliseconds. */
  now(): number {
    return this.emulatedStart + (Date.now() - this.realStart) * this.scale;
  }

  /** Real milliseconds that `emulatedMs` of emulated time take. */
  toRealMs(emulatedMs: number): number {
    return emulatedMs / this.scale;
  }

  /** Emulated seconds, rounded up, that a real duration of `realMs` spans. */
  toEmulatedSeconds(realMs: number): number {
    return Math.ceil((realMs * this.scale) / 1000);
  }
}
