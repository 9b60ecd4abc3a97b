import { MemoryBudgetStore } from "./budget-store";
import { FreshsalesConnection } from "./connection";
import { RateGovernor } from "./rate-governor";

/** A connection for tests against an in-test server: generous budget, fast retries. Test support only. */
export function testConnection(serverUrl: string, options: { store?: MemoryBudgetStore; perHour?: number; timeoutMs?: number } = {}) {
  const governor = new RateGovernor({
    accountKey: "test",
    store: options.store ?? new MemoryBudgetStore(),
    perHour: options.perHour ?? 1_000_000,
    perMinute: null,
    burst: 10,
  });
  return new FreshsalesConnection({
    baseUrl: `${serverUrl}/crm/sales/api`,
    apiKey: "fs-key",
    governor,
    timeoutMs: options.timeoutMs ?? 300,
    retry: { minBackoffMs: 5, maxBackoffMs: 50 },
  });
}
