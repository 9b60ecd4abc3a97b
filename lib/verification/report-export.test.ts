import { describe, expect, it } from "vitest";
import { MASK } from "@/lib/inventory/mask-profiles";
import type { DiffRow } from "./field-diff";
import { diffCsv, maskRows } from "./report-export";
import { filterRows, parseDiffFilter } from "./sample-view";

const row = (over: Partial<DiffRow>): DiffRow => ({
  objectType: "contacts", sourceId: "c_1", target: "contacts", destId: "17", field: "first_name", label: "First name", sensitive: false,
  source: "Ann", expected: "Ann", destination: "Ann", verdict: "equal", ...over,
});

const rows = [
  row({}),
  row({ field: "cf_hcn", label: "Health card", sensitive: true, source: "1234-567", expected: "1234-567", destination: "9999", verdict: "mismatch" }),
  row({ objectType: "deals", sourceId: "d_1", field: "amount", source: "12.5", expected: "12.5", destination: "12.50", verdict: "transformed" }),
];

describe("diff rows for the page and the downloads", () => {
  it("masks health data unless revealed, and only health data", () => {
    const masked = maskRows(rows, false);
    expect(masked[1]).toMatchObject({ source: MASK, expected: MASK, destination: MASK });
    expect(masked[0]).toEqual(rows[0]);
    expect(maskRows(rows, true)[1]?.destination).toBe("9999");
    expect(diffCsv(rows, false)).not.toContain("1234-567");
    expect(diffCsv(rows, true)).toContain("1234-567");
  });

  it("filters by mismatches, verdict, object and field as the page's query says", () => {
    expect(filterRows(rows, parseDiffFilter(new URLSearchParams("mismatches=1"))).map((r) => r.field)).toEqual(["cf_hcn"]);
    expect(filterRows(rows, parseDiffFilter(new URLSearchParams("object=deals"))).map((r) => r.field)).toEqual(["amount"]);
    expect(filterRows(rows, parseDiffFilter(new URLSearchParams("verdict=equal&field=first_name")))).toHaveLength(1);
    expect(filterRows(rows, parseDiffFilter(new URLSearchParams("verdict=bogus")))).toHaveLength(3);
  });

  it("writes a CSV with one line per field and a header", () => {
    const lines = diffCsv(rows, false).split("\n");
    expect(lines[0]).toBe("object,source_id,target,destination_id,field,label,source,expected,destination,verdict,note");
    expect(lines).toHaveLength(4);
  });
});
