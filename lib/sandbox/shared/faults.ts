import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Fault injection shared by the sandbox servers. A rule matches requests by method and a
 * path prefix (or regular expression source) and injects, at the given rates, HTTP errors,
 * latency, hung requests (never answered; the client must time out) and connection resets.
 * Rates are probabilities in [0, 1]; draws come from a seeded generator so a run repeats.
 */
export interface FaultRule {
  /** Optional HTTP method to match, e.g. "POST". */
  method?: string;
  /** Path prefix (e.g. "/crm/sales/api/contacts") or, if it starts with "^", a RegExp source. */
  path?: string;
  /** Status code -> probability, e.g. { 429: 0.1, 503: 0.05 }. */
  errorRates?: Partial<Record<429 | 500 | 502 | 503, number>>;
  /** Fixed extra latency in real milliseconds, applied before answering. */
  latencyMs?: number;
  /** Probability that the request is never answered. */
  hangRate?: number;
  /** Probability that the socket is destroyed without an answer. */
  resetRate?: number;
  /** Retry-After seconds sent with injected 429/503 answers (default 1). */
  retryAfterSeconds?: number;
}

export interface FaultConfig {
  seed?: number;
  rules: FaultRule[];
}

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "error"; status: 429 | 500 | 502 | 503; retryAfterSeconds: number }
  | { kind: "hang" }
  | { kind: "reset" };

/** mulberry32: tiny, fast, good enough for fault draws; seeded so runs repeat. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A server's own rendering of an injected error (e.g. an HTML gateway page), replacing the JSON one. */
export interface InjectedAnswer {
  headers: Record<string, string>;
  text: string;
}

export class FaultInjector {
  private config: FaultConfig = { rules: [] };
  private random: () => number = mulberry32(1);
  /** Sockets of hung requests, destroyed on close() so servers can shut down. */
  private readonly hung = new Set<ServerResponse>();

  set(config: FaultConfig): void {
    this.config = { seed: config.seed ?? 1, rules: config.rules ?? [] };
    this.random = mulberry32(this.config.seed ?? 1);
  }

  get(): FaultConfig {
    return this.config;
  }

  clear(): void {
    this.set({ rules: [] });
  }

  private matches(rule: FaultRule, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (!rule.path) return true;
    return rule.path.startsWith("^") ? new RegExp(rule.path).test(path) : path.startsWith(rule.path);
  }

  /** The first matching rule decides; latency from every matching rule adds up. */
  draw(method: string, path: string): { outcome: FaultOutcome; latencyMs: number } {
    let latencyMs = 0;
    let outcome: FaultOutcome = { kind: "none" };
    for (const rule of this.config.rules) {
      if (!this.matches(rule, method, path)) continue;
      latencyMs += rule.latencyMs ?? 0;
      if (outcome.kind !== "none") continue;
      if (rule.hangRate && this.random() < rule.hangRate) outcome = { kind: "hang" };
      else if (rule.resetRate && this.random() < rule.resetRate) outcome = { kind: "reset" };
      else {
        for (const [status, rate] of Object.entries(rule.errorRates ?? {})) {
          if (rate && this.random() < rate) {
            outcome = {
              kind: "error",
              status: Number(status) as 429 | 500 | 502 | 503,
              retryAfterSeconds: rule.retryAfterSeconds ?? 1,
            };
            break;
          }
        }
      }
    }
    return { outcome, latencyMs };
  }

  /**
   * Applies latency and any fault. Returns true when the request was consumed by a fault
   * (hung, reset, or answered with an error body built by `errorBody`, or by `answer` when
   * it gives one).
   */
  async apply(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    errorBody: (status: number) => unknown,
    answer?: (status: number, retryAfterSeconds: number) => InjectedAnswer | undefined,
  ): Promise<boolean> {
    if (this.config.rules.length === 0) return false;
    const { outcome, latencyMs } = this.draw(req.method ?? "GET", path);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    switch (outcome.kind) {
      case "none":
        return false;
      case "hang":
        this.hung.add(res);
        res.on("close", () => this.hung.delete(res));
        return true;
      case "reset":
        req.socket.destroy();
        return true;
      case "error": {
        const own = answer?.(outcome.status, outcome.retryAfterSeconds);
        if (own) {
          res.writeHead(outcome.status, own.headers);
          res.end(own.text);
          return true;
        }
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (outcome.status === 429 || outcome.status === 503) {
          headers["retry-after"] = String(outcome.retryAfterSeconds);
        }
        res.writeHead(outcome.status, headers);
        res.end(JSON.stringify(errorBody(outcome.status)));
        return true;
      }
    }
  }

  /** Ends every hung request (used when a server closes). */
  close(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }
}
