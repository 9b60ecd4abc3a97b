import { describe, expect, it } from "vitest";
import { duplicateDecision } from "../duplicate-contacts";
import { existingSkipReason, existingWriteReason } from "../existing-records";
import { policyEffectOf, policyEffects } from "./policy-effects";

describe("policy effects in a plan", () => {
  it("names each policy's effect from the ledger's own wording", () => {
    const of = (reason: string | null | undefined, flags: string[] = []) => policyEffectOf({ reason: reason ?? null, flags });
    expect(of(duplicateDecision("con_1", "merge").reason)).toBe("Duplicate email: merged into the first contact");
    expect(of(null, [duplicateDecision("con_1", "keep_apart").reason!])).toBe("Duplicate email: kept apart, written without the email");
    expect(of(duplicateDecision("con_1", "first_wins").reason)).toBe("Duplicate email: skipped, the first wins");
    expect(of(null, ["merged con_4, con_9 into this contact (policy: merge)"])).toBe("Duplicate email: the contact others are merged into");
    expect(of(existingSkipReason("contacts", "a@b.co"))).toBe("Contact already in Freshsales: skipped");
    expect(of(existingWriteReason("contacts", "fill_empty"))).toBe("Contact already in Freshsales: empty fields filled");
    expect(of(existingWriteReason("companies", "update"))).toBe("Account already in Freshsales (same name): updated");
    expect(of(existingSkipReason("companies", "Acme"))).toBe("Account already in Freshsales (same name): skipped");
    expect(of("soft-deleted at 2024-01-01")).toBeUndefined();
  });

  it("counts and lists the records per object and effect", () => {
    const merged = duplicateDecision("con_1", "merge").reason!;
    const effects = policyEffects([
      { objectType: "contacts", sourceId: "con_3", outcome: "skipped", reason: merged, flags: [] },
      { objectType: "contacts", sourceId: "con_2", outcome: "skipped", reason: merged, flags: [] },
      { objectType: "contacts", sourceId: "con_5", outcome: "created", reason: null, flags: [] },
    ]);
    expect(effects).toEqual([{ objectType: "contacts", effect: "Duplicate email: merged into the first contact", count: 2, sourceIds: ["con_2", "con_3"] }]);
  });
});
