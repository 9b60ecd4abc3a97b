import { describe, expect, it } from "vitest";
import { BoundedCounter, countKey } from "./bounded-counter";
import { FieldAccumulator } from "./field-accumulator";
import { createProfiler } from "./profiler";

describe("bounded distinct counting", () => {
  it("counts exactly below the cap", () => {
    const c = new BoundedCounter(100);
    for (let i = 0; i < 1000; i++) c.add(`v${i % 40}`);
    expect(c.distinct).toBe(40);
    expect(c.isCapped).toBe(false);
    expect(c.top(1)).toEqual([{ value: "v0", count: 25 }]);
  });

  it("holds a bounded number of entries however many distinct values stream in", () => {
    const c = new BoundedCounter(1_000);
    for (let i = 0; i < 100_000; i++) c.add(`unique-${i}`);
    expect(c.isCapped).toBe(true);
    expect(c.distinct).toBe(1_000);
    expect(c.heldEntries).toBeLessThanOrEqual(1_000 + 200);
  });

  it("still finds a frequent value that first appears after the cap", () => {
    const c = new BoundedCounter(500);
    for (let i = 0; i < 5_000; i++) c.add(`noise-${i}`);
    for (let i = 0; i < 20_000; i++) c.add(i % 2 ? "late-heavy" : `noise-late-${i}`);
    const top = c.top(3);
    expect(top[0]?.value).toBe("late-heavy");
    // Misra-Gries undercounts, never overcounts.
    expect(top[0]?.count).toBeLessThanOrEqual(10_000);
    expect(top[0]?.count).toBeGreaterThan(5_000);
  });

  it("keys long values by prefix and hash so they cost little memory", () => {
    const a = `${"x".repeat(1_000_000)}a`;
    const b = `${"x".repeat(1_000_000)}b`;
    expect(countKey(a).length).toBeLessThan(150);
    expect(countKey(a)).not.toBe(countKey(b));
    expect(countKey("short")).toBe("short");
  });

  it("the profiler reports a capped distinct count for a high-cardinality field", () => {
    const p = createProfiler("contact", undefined, { distinctCap: 300 });
    for (let i = 0; i < 5_000; i++) p.add({ id: `c${i}`, email: `person${i}@example.com`, city: i % 2 ? "Lyon" : "Paris" });
    const profiles = p.finish();
    const email = profiles.find((x) => x.path === "email");
    expect(email?.distinct).toBe(300);
    expect(email?.distinctCapped).toBe(true);
    expect(email?.inferredType).toBe("email");
    expect(email?.notes.join(" ")).toMatch(/lower bound/);
    const city = profiles.find((x) => x.path === "city");
    expect(city).toMatchObject({ distinct: 2, distinctCapped: false, inferredType: "dropdown" });
  });

  it("a field accumulator's examples stay bounded", () => {
    const acc = new FieldAccumulator(100);
    for (let i = 0; i < 10_000; i++) acc.add(`bad\u0000${i}`, `r${i}`, i);
    expect(acc.controlChars.count).toBe(10_000);
    expect(acc.controlChars.examples).toHaveLength(5);
    expect(acc.samples.length).toBeLessThanOrEqual(5);
    for (const list of acc.inconsistentExamples.values()) expect(list.length).toBeLessThanOrEqual(5);
  });
});
