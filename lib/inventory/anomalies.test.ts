import { describe, expect, it } from "vitest";
import { profileRecords } from "./profiler";
import type { AnomalyKind, FieldProfile } from "./types";

function field(values: unknown[], key = "value", object: "contact" | "deal" = "contact"): FieldProfile {
  const recs = values.map((v, i) => ({ id: `r${i + 1}`, custom_properties: { [key]: v } }));
  const p = profileRecords(object, recs).find((x) => x.key === key);
  if (!p) throw new Error(`no profile for ${key}`);
  return p;
}

function anomaly(p: FieldProfile, kind: AnomalyKind) {
  return p.anomalies.find((a) => a.kind === kind);
}

describe("anomalies", () => {
  it("mixed_types: numbers, numeric strings and words in one field", () => {
    const values = [12, 12, 3, 4, 5, 6, 7, 8, "12", "twelve"];
    const p = field(values, "sessions");
    expect(p.inferredType).toBe("number");
    expect(p.shapes).toMatchObject({ number: 8, string: 2 });
    const a = anomaly(p, "mixed_types");
    expect(a?.count).toBe(2);
    expect(a?.examples).toEqual(
      expect.arrayContaining([
        { recordId: "r9", value: "12" },
        { recordId: "r10", value: "twelve" },
      ]),
    );
  });

  it("mixed_types: strings of the dominant shape that do not fit a number field", () => {
    const values = Array.from({ length: 9 }, (_, i) => String(i + 1)).concat(["n/a"]);
    const p = field(values, "sessions");
    expect(p.inferredType).toBe("number");
    expect(anomaly(p, "mixed_types")).toMatchObject({ count: 1, examples: [{ recordId: "r10", value: "n/a" }] });
  });

  it("no mixed_types on a clean text field", () => {
    const p = field(["alpha", "beta", "gamma"], "nickname");
    expect(p.anomalies).toEqual([]);
  });

  it("invalid_email names the offending records", () => {
    const values = ["a@b.co", "c@d.org", "john.doe@", "x@@y.com", "e@f.io", "g@h.net", "i@j.com", "plain"];
    const p = field(values, "email");
    expect(p.inferredType).toBe("email");
    const a = anomaly(p, "invalid_email");
    expect(a?.count).toBe(3);
    expect(a?.examples.map((e) => e.recordId)).toEqual(["r3", "r4", "r8"]);
  });

  it("invalid_phone", () => {
    const values = ["+1 555 010 2000", "(555) 010-2001", "555-CALL", "12", "+33 1 23 45 67 89"];
    const p = field(values, "mobile");
    expect(p.inferredType).toBe("phone");
    const a = anomaly(p, "invalid_phone");
    expect(a?.count).toBe(2);
    expect(a?.examples).toEqual([
      { recordId: "r3", value: "555-CALL" },
      { recordId: "r4", value: "12" },
    ]);
  });

  it("invalid_date: impossible dates and years before 1900 or after 2100", () => {
    const values = ["2024-01-05", "2023-02-30", "1850-06-01", "2150-01-01", "2020-12-31", "2021-03-03", "2022-04-04"];
    const p = field(values, "start_date");
    expect(p.inferredType).toBe("date");
    const a = anomaly(p, "invalid_date");
    expect(a?.count).toBe(3);
    expect(a?.examples.map((e) => e.value).sort()).toEqual(["1850-06-01", "2023-02-30", "2150-01-01"]);
  });

  it("invalid_date on timestamps too", () => {
    const values = ["2024-01-05T10:00:00Z", "2024-01-06T25:00:00Z", "0202-01-01T00:00:00Z", "2024-01-07T09:30:00+02:00"];
    const p = field(values, "seen_at");
    expect(p.inferredType).toBe("datetime");
    expect(anomaly(p, "invalid_date")?.count).toBe(2);
  });

  it("too_long: a paragraph beyond 65,535 characters", () => {
    const huge = "x".repeat(70_000);
    const p = field(["short note", `line one\nline two`, huge], "notes");
    expect(p.inferredType).toBe("paragraph");
    expect(p.maxLength).toBe(70_000);
    const a = anomaly(p, "too_long");
    expect(a?.count).toBe(1);
    expect(a?.examples[0]?.recordId).toBe("r3");
    // Examples are shortened, never the whole megabyte.
    expect(a?.examples[0]?.value.length).toBeLessThan(200);
  });

  it("too_long: an email longer than a text field holds", () => {
    const long = `${"a".repeat(250)}@example.com`;
    const p = field(["a@b.co", "c@d.co", "e@f.co", long], "email");
    expect(p.inferredType).toBe("email");
    expect(anomaly(p, "too_long")?.count).toBe(1);
  });

  it("control_chars: NUL and other controls, shown escaped", () => {
    const p = field(["fine", "nul\u0000byte", "bell\u0007", "tab\tis fine", "line\nis fine"], "comment");
    const a = anomaly(p, "control_chars");
    expect(a?.count).toBe(2);
    expect(a?.examples).toEqual([
      { recordId: "r2", value: "nul\\u0000byte" },
      { recordId: "r3", value: "bell\\u0007" },
    ]);
  });

  it("keeps at most 5 examples however many values are bad", () => {
    const values = Array.from({ length: 50 }, (_, i) => (i % 2 ? `u${i}@x.com` : `broken${i}`));
    const p = field(values, "email");
    const a = anomaly(p, "invalid_email");
    expect(a?.count).toBe(25);
    expect(a?.examples).toHaveLength(5);
  });
});
