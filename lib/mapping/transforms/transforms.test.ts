import { describe, expect, it } from "vitest";
import { applyTransform } from "./apply-transform";
import { parseDecimal, roundDecimal } from "./amount";
import { proposeValueMap } from "./choices";
import type { TransformSpecInput } from "../schemas";

const ctx = { field: "amount", recordId: "deal_7" };

describe("amounts", () => {
  it("keeps two-decimal strings and rounds longer ones with a warning naming record and field", () => {
    expect(applyTransform({ kind: "amount" }, "1250.00", ctx)).toEqual({ ok: true, value: "1250.00", warnings: [] });
    const r = applyTransform({ kind: "amount" }, "19.995", ctx);
    expect(r.ok && r.value).toBe("20.00");
    expect(r.warnings[0]).toMatchObject({ code: "rounded", field: "amount", recordId: "deal_7" });
    expect(applyTransform({ kind: "amount" }, "-0.004", ctx)).toMatchObject({ ok: true, value: "0.00" });
  });
  it("reads thousands separators and decimal commas, and refuses words", () => {
    expect(parseDecimal("1,250.50")).toBe("1250.50");
    expect(parseDecimal("1.250,50")).toBe("1250.50");
    expect(parseDecimal("€ 99,9")).toBe("99.9");
    expect(parseDecimal(12.5)).toBe("12.5");
    expect(roundDecimal("999.999", 2)).toBe("1000.00");
    const bad = applyTransform({ kind: "amount" }, "twelve", ctx);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toContain("amount (record deal_7)");
  });
  it("checks currencies against the enabled list", () => {
    expect(applyTransform({ kind: "currency", allowed: ["USD", "EUR"] }, "eur", ctx)).toMatchObject({ ok: true, value: "EUR" });
    expect(applyTransform({ kind: "currency", allowed: ["USD"] }, "GBP", ctx)).toMatchObject({ ok: false });
  });
});

describe("dates and times", () => {
  const f = { field: "expected_close" };
  it("turns timestamps with offsets into UTC and dates into YYYY-MM-DD in the chosen zone", () => {
    expect(applyTransform({ kind: "datetime" }, "2024-03-05T14:22:09+02:00", f)).toMatchObject({ value: "2024-03-05T12:22:09Z" });
    expect(applyTransform({ kind: "datetime", timeZone: "America/New_York" }, "2024-07-01 09:00", f)).toMatchObject({ value: "2024-07-01T13:00:00Z" });
    const d = applyTransform({ kind: "date", timeZone: "Australia/Sydney" }, "2024-03-05T20:00:00Z", f);
    expect(d).toMatchObject({ ok: true, value: "2024-03-06" });
    expect(d.warnings.map((w) => w.code)).toEqual(["time_dropped"]);
    expect(applyTransform({ kind: "date" }, "2024-03-05", f)).toEqual({ ok: true, value: "2024-03-05", warnings: [] });
  });
  it("reads day-first dates, flags ambiguity and far years, and rejects impossible dates", () => {
    const r = applyTransform({ kind: "date", dayOrder: "DMY" }, "03/04/2024", f);
    expect(r).toMatchObject({ ok: true, value: "2024-04-03" });
    expect(r.warnings[0]?.code).toBe("date_ambiguous");
    expect(applyTransform({ kind: "date" }, "1850-01-01", f).warnings[0]?.code).toBe("date_out_of_range");
    const bad = applyTransform({ kind: "date" }, "2024-02-30", f);
    expect(!bad.ok && bad.error).toMatch(/^expected_close: .*not a real calendar date/);
    expect(applyTransform({ kind: "date" }, "next tuesday", f).ok).toBe(false);
  });
});

describe("phones", () => {
  const f = { field: "mobile_number", recordId: "c1" };
  it("keeps numbers as written unless normalisation is on", () => {
    expect(applyTransform({ kind: "phone" }, "(415) 555-0100", f)).toMatchObject({ value: "(415) 555-0100", warnings: [] });
  });
  it("writes E.164 when unambiguous and keeps the rest with a warning", () => {
    const on = { kind: "phone", normalise: true, defaultCallingCode: "44" } as const;
    expect(applyTransform(on, "+44 (0)20 7946 0958", f)).toMatchObject({ value: "+442079460958" });
    expect(applyTransform(on, "020 7946 0958", f)).toMatchObject({ value: "+442079460958" });
    expect(applyTransform(on, "0049 30 1234567", f)).toMatchObject({ value: "+49301234567" });
    expect(applyTransform({ kind: "phone", normalise: true, defaultCallingCode: "1" }, "415.555.0100", f)).toMatchObject({ value: "+14155550100" });
    const kept = applyTransform(on, "555-0100 ext 12", f);
    expect(kept).toMatchObject({ ok: true, value: "555-0100 ext 12" });
    expect(kept.warnings[0]).toMatchObject({ code: "phone_kept", recordId: "c1" });
  });
});

describe("picklists", () => {
  it("proposes a value map by exact, normalised and closest match and lists the rest", () => {
    const p = proposeValueMap(["Gold", "silver ", "Platinium", "Wood"], ["Gold", "Silver", "Platinum", "Bronze"]);
    expect(p.valueMap).toEqual({ Gold: "Gold", "silver ": "Silver", Platinium: "Platinum" });
    expect(p.matches.find((m) => m.value === "Platinium")?.kind).toBe("closest");
    expect(p.unmapped).toEqual(["Wood"]);
  });
  it("applies the confirmed map, fails or empties unmapped values as configured", () => {
    const spec: TransformSpecInput = { kind: "dropdown", valueMap: { Platinium: "Platinum" }, choices: ["Gold", "Platinum"] };
    expect(applyTransform(spec, "Platinium", { field: "cf_tier" })).toMatchObject({ value: "Platinum" });
    expect(applyTransform(spec, "GOLD", { field: "cf_tier" })).toMatchObject({ value: "Gold" });
    const bad = applyTransform(spec, "Wood", { field: "cf_tier", recordId: "d1" });
    expect(!bad.ok && bad.error).toContain("cf_tier (record d1)");
    const empty = applyTransform({ ...spec, onUnmapped: "empty" }, "Wood", { field: "cf_tier" });
    expect(empty).toMatchObject({ ok: true, value: null });
    expect(empty.warnings[0]?.code).toBe("value_unmapped");
  });
  it("joins multiselect arrays with ; and maps each label", () => {
    const spec: TransformSpecInput = { kind: "multiselect", valueMap: { xray: "X-ray" }, choices: ["X-ray", "MRI"] };
    expect(applyTransform(spec, ["xray", "MRI", "MRI"], { field: "cf_imaging" })).toMatchObject({ value: "X-ray;MRI" });
    expect(applyTransform(spec, ["CT"], { field: "cf_imaging" }).ok).toBe(false);
    expect(applyTransform({ kind: "multiselect" }, "a, b", { field: "cf_tags" })).toMatchObject({ value: "a;b" });
  });
});

describe("booleans and text", () => {
  it("reads yes/no spellings and refuses anything else", () => {
    expect(applyTransform({ kind: "boolean" }, "Ja", { field: "cf_consent" })).toMatchObject({ value: true });
    expect(applyTransform({ kind: "boolean" }, 0, { field: "cf_consent" })).toMatchObject({ value: false });
    expect(applyTransform({ kind: "boolean" }, "maybe", { field: "cf_consent" }).ok).toBe(false);
  });
  it("truncates to the limit, counting characters not UTF-16 units, and always says so", () => {
    const r = applyTransform({ kind: "text", maxLength: 3 }, "a😀bcd", { field: "job_title", recordId: "c9" });
    expect(r).toMatchObject({ ok: true, value: "a😀b" });
    expect(r.warnings).toEqual([
      { code: "truncated", field: "job_title", recordId: "c9", message: "truncated from 5 to 3 characters to fit the destination" },
    ]);
    expect(applyTransform({ kind: "text", maxLength: 10 }, "a\u0000b", { field: "f" })).toMatchObject({ value: "ab" });
    expect(applyTransform({ kind: "text", maxLength: 10 }, "", { field: "f" })).toMatchObject({ value: null });
  });
});
