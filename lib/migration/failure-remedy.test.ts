import { describe, expect, it } from "vitest";
import { remedyFor } from "./failure-remedy";

describe("what to do about a failure", () => {
  it.each([
    ["contacts ct_1: cf_vp_tier: Unknown field", "field"],
    ["deals dl_4: owner ana@practice.com is not an active Freshsales user", "owner"],
    ["activities act_9: none of its linked records was written", "retry"],
    ["companies co_2: name Acme has already been taken", "map"],
    ["deals dl_7: deal_stage_id does not belong to the deal's pipeline", "map"],
    ["contacts ct_3: gave up after 4 attempts: 502 Bad Gateway", "retry"],
    ["contacts ct_5: emails is invalid", "source"],
    ["attachments at_1: the file is too large for the plan's storage", "file"],
  ])("%s → %s", (reason, kind) => {
    expect(remedyFor(reason).kind).toBe(kind);
  });

  it("advises looking at an example when the reason is not one it knows", () => {
    expect(remedyFor("something new").text).toMatch(/example/);
  });
});
