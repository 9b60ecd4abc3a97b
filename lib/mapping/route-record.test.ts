import { describe, expect, it } from "vitest";
import { routeRecord } from "./route-record";
import { DEFAULT_ROUTING_RULES, type RoutingRules, describeRules, routingRulesSchema } from "./routing-rules";

const rules = DEFAULT_ROUTING_RULES;
const leadsModule: RoutingRules = { ...rules, contact: { ...rules.contact, withoutCompany: "leads_module" } };

describe("routeRecord", () => {
  it("sends a contact with a company to Contacts and one without to the chosen Lead target", () => {
    expect(routeRecord("contact", { id: "c1", company_id: "co1" }, rules)).toEqual({
      target: { entity: "contacts", companySourceId: "co1" },
      reason: "contact with company co1 → Contact linked to its Account",
    });
    expect(routeRecord("contact", { id: "c2", company_id: null }, rules).target).toEqual({ entity: "contacts", companySourceId: null, lifecycleStage: "Lead" });
    expect(routeRecord("contact", { id: "c2", company_id: null }, leadsModule).target).toEqual({ entity: "leads" });
  });

  it("treats a company that no longer exists as no company, and says so", () => {
    const r = routeRecord("contact", { id: "c3", company_id: "gone" }, leadsModule, { knownCompanyIds: new Set(["co1"]) });
    expect(r.target).toEqual({ entity: "leads" });
    expect(r.reason).toContain("company gone no longer exists");
  });

  it("keeps parent hierarchy but cuts a parent cycle", () => {
    expect(routeRecord("company", { id: "a", parent_company_id: "b" }, rules).target).toEqual({ entity: "sales_accounts", parentSourceId: "b" });
    const parents = new Map([["a", "b"], ["b", "a"]]);
    const r = routeRecord("company", { id: "a", parent_company_id: "b" }, rules, { companyParents: parents });
    expect(r.target).toEqual({ entity: "sales_accounts", parentSourceId: null });
    expect(r.reason).toContain("cycle");
  });

  it("routes activities by type, notes per the chosen target", () => {
    expect(routeRecord("activity", { type: "call", contact_id: "c1" }, rules).target).toEqual({ entity: "tasks", taskType: "Call" });
    expect(routeRecord("activity", { type: "email", deal_id: "d1" }, rules).target).toEqual({ entity: "tasks", taskType: "Email" });
    expect(routeRecord("activity", { type: "note", deal_id: "d1" }, rules).target).toEqual({ entity: "tasks", taskType: "Note" });
    const notes: RoutingRules = { ...rules, activity: { ...rules.activity, note: { target: "notes", taskType: "Note" } } };
    expect(routeRecord("activity", { type: "note", deal_id: "d1" }, notes).target).toEqual({ entity: "notes" });
    const unlinked = routeRecord("activity", { type: "note" }, notes);
    expect(unlinked.target).toEqual({ entity: "tasks", taskType: "Note" });
    expect(unlinked.reason).toContain("not linked to a record");
    const meeting = routeRecord("activity", { type: "meeting", attendees: [{ email: "a@example.com", name: "A" }, { name: "no email" }] }, rules);
    expect(meeting.target).toEqual({ entity: "appointments", attendees: [{ email: "a@example.com", name: "A" }] });
    expect(routeRecord("activity", { type: "fax" }, rules).target).toEqual({ entity: "fail" });
  });

  it("routes deals into the mapped pipeline, attachments onto their record, and skips deleted records", () => {
    const deal = routeRecord("deal", { pipeline_id: "p1", stage_id: "s1", line_items: [{}, {}] }, rules, { mappedPipelineIds: new Set(["p1"]) });
    expect(deal.target).toEqual({ entity: "deals", pipelineSourceId: "p1", stageSourceId: "s1", lineItems: 2 });
    const failing: RoutingRules = { ...rules, deal: { ...rules.deal, unmappedPipeline: "fail" } };
    expect(routeRecord("deal", { pipeline_id: "p9" }, failing, { mappedPipelineIds: new Set(["p1"]) }).target).toEqual({ entity: "fail" });
    expect(routeRecord("attachment", { parent_type: "deal", parent_id: "d1", size_bytes: 0 }, rules).target).toEqual({ entity: "documents", parentType: "deals", parentSourceId: "d1" });
    expect(routeRecord("attachment", { parent_type: "deal", parent_id: "d1", size_bytes: 200 * 1024 * 1024 }, rules).target).toEqual({ entity: "skip" });
    expect(routeRecord("contact", { company_id: "co1", deleted_at: "2024-01-01T00:00:00Z" }, rules).target).toEqual({ entity: "skip" });
    expect(routeRecord("user", { email: "u@example.com" }, rules).target).toEqual({ entity: "owners", email: "u@example.com" });
  });

  it("validates edited rules and describes them for the review screen", () => {
    expect(routingRulesSchema.safeParse(rules).success).toBe(true);
    expect(routingRulesSchema.safeParse({ ...rules, attachment: { target: "documents", maxBytes: 10 ** 12 } }).success).toBe(false);
    expect(describeRules(leadsModule)).toContain("Contact without a company → Lead (Leads module)");
  });
});
