import { SandboxClock } from "@/lib/sandbox/shared/clock";

/** A clock a test moves by hand, so rate-limit windows and headers can be checked exactly. */
export class ManualClock extends SandboxClock {
  private t: number;

  constructor(scale: number, start: number) {
    super(scale, start);
    this.t = start;
  }

  override now(): number {
    return this.t;
  }

  /** Moves emulated time forward by `ms` emulated milliseconds. */
  advance(ms: number): void {
    this.t += ms;
  }
}
