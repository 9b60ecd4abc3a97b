import { describe, expect, it } from "vitest";
import type { FieldMapping } from "@/lib/mapping/schemas";
import { mappedFields } from "./field-values";
import type { DestinationContext } from "./types";

const destination: DestinationContext = {
  pickers: { "sales_accounts.industry_type_id": { healthcare: 1, dental: 2 } },
  fields: { sales_accounts: ["industry_type_id"] },
  taskTypes: {},
  currencies: {},
  maxFileBytes: 1,
  storageQuotaBytes: null,
};

function industry(onUnmapped: "error" | "empty"): FieldMapping[] {
  return [{
    id: "company.industry->sales_accounts",
    source: { object: "company", path: "industry", label: "Industry", isCustom: false },
    entity: "sales_accounts",
    decision: { kind: "field", field: "industry_type_id" },
    confidence: 0.95,
    reason: "standard field",
    status: "accepted",
    // The proposal saw only the account's original choices and listed "Dental" for the admin
    // to add; the approved map the engine reads (loadApprovedMapping) carries the destination's
    // choices as the latest snapshot has them, "Dental" included once the admin added it.
    transform: { kind: "dropdown", valueMap: { Healthcare: "Healthcare" }, choices: ["Healthcare", "Other", "Dental"], onUnmapped, unmapped: ["Dental"], closest: [] },
    sensitive: false,
    alternatives: [],
    proposedBy: "rules",
  }];
}

describe("mappedFields with a dropdown", () => {
  it("writes an unmapped value the admin added as a choice (preflight made sure it exists)", () => {
    const r = mappedFields(industry("error"), "company", "sales_accounts", { industry: "Dental" }, "cmp_1", destination);
    expect(r).toEqual({ ok: true, fields: { industry_type_id: 2 }, flags: [] });
  });

  it("still fails a value that is neither mapped, a choice, nor listed for the admin to add", () => {
    const r = mappedFields(industry("error"), "company", "sales_accounts", { industry: "Chiropractic" }, "cmp_2", destination);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("\"Chiropractic\" is not a choice of the destination field");
  });

  it("leaves an unmapped value empty when the map says so", () => {
    const r = mappedFields(industry("empty"), "company", "sales_accounts", { industry: "Chiropractic" }, "cmp_3", destination);
    expect(r.ok && r.fields).toEqual({});
  });
});
