import { describe, expect, it } from "vitest";
import { gateStatuses, parseGateRecords } from "./gates";

describe("gate statuses", () => {
  it("opens only the first gate of a new migration", () => {
    const statuses = gateStatuses({});
    expect(statuses.map((s) => s.status)).toEqual([
      "open", "locked", "locked", "locked", "locked", "locked", "locked", "locked", "locked", "locked",
    ]);
  });

  it("puts the dry run between Preflight and Sample: the sample waits for it", () => {
    const by = { at: "2026-01-01T00:00:00Z", by: "a@example.com" };
    const statuses = gateStatuses({ connect: by, inventory: by, map: by, preflight: by });
    expect(statuses.slice(3, 6).map((s) => `${s.key}:${s.status}`)).toEqual(["preflight:done", "dry-run:open", "sample:locked"]);
  });

  it("marks done gates and opens the next one", () => {
    const by = { at: "2026-01-01T00:00:00Z", by: "a@example.com" };
    const statuses = gateStatuses({ connect: by, inventory: by });
    expect(statuses.slice(0, 4).map((s) => `${s.key}:${s.status}`)).toEqual([
      "connect:done", "inventory:done", "map:open", "preflight:locked",
    ]);
  });

  it("keeps a later gate locked when an earlier one was withdrawn", () => {
    const by = { at: "2026-01-01T00:00:00Z", by: "a@example.com" };
    const statuses = gateStatuses({ connect: by, map: by });
    expect(statuses.find((s) => s.key === "inventory")?.status).toBe("open");
    expect(statuses.find((s) => s.key === "preflight")?.status).toBe("locked");
  });

  it("ignores unknown keys and malformed records", () => {
    expect(parseGateRecords({ connect: { at: "x", by: "y" }, nope: { at: 1, by: 2 }, map: "bad" })).toEqual({
      connect: { at: "x", by: "y" },
    });
  });
});
