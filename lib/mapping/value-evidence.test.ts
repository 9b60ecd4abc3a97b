import { describe, expect, it } from "vitest";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { CREATE_NEAR_CAP, proposeFieldMap } from "./propose-field-map";
import { GUESS_CAP } from "./score-candidates";

const USERS = ["ana@clinic.example", "li@clinic.example", "bo@clinic.example"];
const evidence = { userEmails: USERS, companyNames: ["Acme Dental", "Oak Physio"], stageNames: ["Qualified", "Won"], pipelineNames: ["Clinics"], today: "2026-12-01" };
const propose = (p: ReturnType<typeof makeProfile>, withEvidence = true) => proposeFieldMap([p], DESTINATION, withEvidence ? { evidence } : {}).mappings[0];

describe("evidence from values", () => {
  it("reads a field of user emails as the owner, and says so in the reason", () => {
    const m = propose(makeProfile("deal", "custom_properties.Commercial", "email", { values: USERS }));
    expect(m?.decision).toEqual({ kind: "field", field: "owner_id" });
    expect(m?.reason).toContain("100% of values are emails of Visual Practice users");
    // Without the users, the same field is a new email field: the values were the evidence.
    expect(propose(makeProfile("deal", "custom_properties.Commercial", "email", { values: USERS }), false)?.decision.kind).toBe("create_custom_field");
  });

  it("makes a lookup named by its meaning sure only when the values agree", () => {
    const named = propose(makeProfile("deal", "custom_properties.Etapa", "dropdown", { values: ["Qualified", "Won"] }));
    expect(named?.decision).toEqual({ kind: "field", field: "deal_stage_id" });
    expect(named?.confidence).toBeGreaterThanOrEqual(0.9);
    const unsure = propose(makeProfile("deal", "custom_properties.Etapa", "dropdown", { values: ["Hot", "Cold"] }));
    expect(unsure?.decision).toEqual({ kind: "field", field: "deal_stage_id" });
    expect(unsure?.confidence).toBeLessThan(0.8);
  });

  it("takes ISO codes for a currency and numbers over 100 as no probability", () => {
    expect(propose(makeProfile("deal", "custom_properties.Moneda", "dropdown", { values: ["EUR", "USD"] }))?.decision).toEqual({ kind: "field", field: "currency_id" });
    const odds = propose(makeProfile("deal", "custom_properties.prob_pts", "number", { label: "Prob. points", values: ["150", "900"] }));
    expect(odds?.decision.kind === "field" && odds.decision.field === "probability" ? odds.confidence : 0).toBeLessThan(0.8);
  });
});

describe("calibrated confidence", () => {
  it("never proposes a new field for the bulk accept while a compatible field is within reach", () => {
    const m = propose(makeProfile("company", "custom_properties.rev_forecast_internal", "number", { label: "Revenue forecast internal" }), false);
    expect(m?.decision.kind).toBe("create_custom_field");
    expect(m?.confidence).toBeLessThanOrEqual(CREATE_NEAR_CAP);
  });

  it("creates a qualified variant beside a plain field that already has its home, sure enough for review", () => {
    const ms = proposeFieldMap([makeProfile("company", "address.city", "text"), makeProfile("company", "custom_properties.Billing_City", "text")], DESTINATION).mappings;
    const billing = ms.find((m) => m.source.path.endsWith("Billing_City"));
    expect(billing?.decision.kind).toBe("create_custom_field");
    expect(billing?.reason).toContain("a billing variant of Freshsales `city`, which receives `address.city`");
    expect(billing?.confidence).toBe(0.85);
  });
});

describe("evidence that tells a record from the records it names", () => {
  const companies = ["Acme Dental", "Oak Physio", "Elm Vets"];
  const onAccount = (label: string, values: string[]) =>
    proposeFieldMap([makeProfile("company", `custom_properties.${label}`, "text", { label, values })], DESTINATION, { evidence: { companyNames: companies } }).mappings[0];

  it("takes a column naming only some of the companies as a link to other accounts, for review", () => {
    const parent = onAccount("Company", ["Acme Dental"]);
    expect(parent?.decision).toEqual({ kind: "field", field: "parent_sales_account_id" });
    expect(parent?.confidence).toBeLessThan(0.8);
    expect(parent?.reason).toContain("1 of the 3 known: other accounts, not each account's own name");
    // Every company's name in the column: it is the accounts' own name.
    expect(onAccount("Company", companies)?.decision).toEqual({ kind: "field", field: "name" });
  });

  it("takes a column of every company's name for the account's own name under a name it does not know, for review", () => {
    const m = onAccount("Gizmo", companies);
    expect(m?.decision).toEqual({ kind: "field", field: "name" });
    expect(m?.confidence).toBe(0.75);
    expect(m?.reason).toContain("all of them: each account's own name");
  });

  it("never lets agreeing values make a guessed name sure", () => {
    const m = onAccount("Compny", companies);
    expect(m?.decision).toEqual({ kind: "field", field: "name" });
    expect(m?.reason).toContain("read compny→company");
    expect(m?.confidence).toBe(GUESS_CAP);
  });

  it("does not take salutations or academic titles for job titles", () => {
    const title = (values: string[]) => propose(makeProfile("contact", "custom_properties.Title", "text", { values }), false);
    const academic = title(["Dr.", "Prof. Dr."]);
    expect(academic?.decision.kind).toBe("create_custom_field");
    expect(academic?.alternatives[0]?.field).toBe("job_title");
    expect(title(["Dentist", "Nurse"])?.decision).toEqual({ kind: "field", field: "job_title" });
  });
});
