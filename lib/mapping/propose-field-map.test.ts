import { describe, expect, it } from "vitest";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { customFieldsToCreate, proposeFieldMap } from "./propose-field-map";
import { type DestinationField, fieldMapSchema } from "./schemas";

const byId = (profiles: Parameters<typeof proposeFieldMap>[0], dest: DestinationField[] = DESTINATION, options = {}) =>
  new Map(proposeFieldMap(profiles, dest, options).mappings.map((m) => [m.id, m]));

describe("proposeFieldMap", () => {
  it("explains a match in one line with the evidence from the values", () => {
    const m = byId([makeProfile("contact", "custom_properties.position_held", "text", { label: "Position", values: ["Practice manager", "GP"] })]);
    const p = m.get("contact.custom_properties.position_held->contacts");
    expect(p?.decision).toEqual({ kind: "field", field: "job_title" });
    expect(p?.reason).toBe("same meaning as Freshsales `job_title` (Job title); 98% of values are short texts (up to 16 characters), filled on 85% of records");
    expect(p?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(p?.transform).toEqual({ kind: "text", maxLength: 255 });
  });

  it("proposes a custom field with its Freshsales spec and a value map when nothing fits", () => {
    const m = byId([makeProfile("deal", "custom_properties.referral_doctor", "dropdown", { label: "Referring doctor", values: ["Dr Li", "Dr Okafor"] })]);
    const p = m.get("deal.custom_properties.referral_doctor->deals");
    expect(p?.decision).toEqual({ kind: "create_custom_field", spec: { name: "cf_referral_doctor", label: "Referring doctor", type: "dropdown", choices: ["Dr Li", "Dr Okafor"] } });
    expect(p?.transform).toMatchObject({ kind: "dropdown", valueMap: { "Dr Li": "Dr Li", "Dr Okafor": "Dr Okafor" } });
    expect(p?.reason).toContain("create dropdown field `cf_referral_doctor` with 2 choices");
  });

  it("never proposes a custom field where Freshsales takes none (tasks, appointments, products): it leaves the field out for review", () => {
    const m = byId([makeProfile("activity", "custom_properties.travel_minutes", "number", { label: "Travel minutes" }), makeProfile("product", "custom_properties.shelf_life_days", "number", { label: "Shelf life" })]);
    for (const id of ["activity.custom_properties.travel_minutes->tasks", "activity.custom_properties.travel_minutes->appointments", "product.custom_properties.shelf_life_days->products"]) {
      const p = m.get(id);
      expect(p?.decision, id).toEqual({ kind: "do_not_migrate" });
      expect(p?.reason).toMatch(/take no custom fields: left out unless you choose a standard field/);
      // Not bulk-accepted: leaving data out is a person's call.
      expect(p?.confidence).toBeLessThan(0.9);
    }
    const contact = byId([makeProfile("contact", "custom_properties.travel_minutes", "number", { label: "Travel minutes" })]);
    expect(contact.get("contact.custom_properties.travel_minutes->contacts")?.decision.kind).toBe("create_custom_field");
  });

  it("keeps the element fields of a documented array with their array: attendees, line items", () => {
    const m = byId([makeProfile("activity", "attendees[].email", "email"), makeProfile("activity", "attendees[].name", "text"), makeProfile("deal", "line_items[].sku", "text")]);
    expect(m.get("activity.attendees[].email->appointments")?.decision).toEqual({ kind: "system", handling: "attendees", field: "appointment_attendees_attributes" });
    expect(m.get("activity.attendees[].email->appointments")?.reason).toMatch(/^part of `attendees`: /);
    expect(m.get("activity.attendees[].name->tasks")?.decision).toEqual({ kind: "do_not_migrate" });
    expect(m.get("deal.line_items[].sku->deals")?.decision).toMatchObject({ kind: "system", handling: "line_items" });
    expect(customFieldsToCreate([...m.values()])).toEqual({});
  });

  it("gives a destination field to one source field only, and says who has it", () => {
    const m = byId([makeProfile("contact", "mobile", "phone"), makeProfile("contact", "custom_properties.cell_phone", "phone")]);
    expect(m.get("contact.mobile->contacts")?.decision).toEqual({ kind: "field", field: "mobile_number" });
    const second = m.get("contact.custom_properties.cell_phone->contacts");
    expect(second?.decision.kind).toBe("create_custom_field");
    expect(second?.confidence).toBeLessThanOrEqual(0.6);
    expect(second?.reason).toContain("`mobile_number` would fit but already receives `mobile`");
  });

  it("routes system fields to their dedicated handling and asks for missing marker fields", () => {
    const m = byId([makeProfile("deal", "id", "text"), makeProfile("deal", "owner_id", "text"), makeProfile("deal", "created_at", "datetime")]);
    expect(m.get("deal.id->deals")?.decision).toEqual({
      kind: "system", handling: "source_id", field: "cf_vp_id", createsField: { name: "cf_vp_id", label: "Visual Practice ID", type: "text", unique: true },
    });
    expect(m.get("deal.owner_id->deals")?.reason).toContain("owner-resolution report");
    expect(m.get("deal.created_at->deals")?.decision).toMatchObject({ kind: "system", handling: "timestamp", field: "cf_vp_created_at" });
    expect(m.get("deal.created_at->deals")?.transform).toEqual({ kind: "datetime", timeZone: "UTC", dayOrder: "DMY" });
    expect(m.get("deal.owner_id->deals")?.transform).toEqual({ kind: "none" });
    // Contacts already have cf_vp_id in this destination: nothing to create.
    expect(byId([makeProfile("contact", "id", "text")]).get("contact.id->contacts")?.decision).toEqual({ kind: "system", handling: "source_id", field: "cf_vp_id" });
  });

  it("lists picklist values that have no Freshsales choice and flags closest guesses", () => {
    const values = ["Healthcare", "Dentistry", "Physio therapy", "Aerospace"];
    const p = byId([makeProfile("company", "industry", "dropdown", { values })]).get("company.industry->sales_accounts");
    expect(p?.transform).toMatchObject({ kind: "dropdown", valueMap: { Healthcare: "Healthcare", "Physio therapy": "Physiotherapy" }, unmapped: ["Dentistry", "Aerospace"], closest: ["Physio therapy"] });
    expect(p?.reason).toContain('2 values without a Freshsales choice yet ("Dentistry", "Aerospace"); 1 value matched to the closest choice, check ("Physio therapy")');
  });

  it("maps sensitive fields but carries the flag and says so", () => {
    const p = byId([makeProfile("contact", "custom_properties.date_of_birth", "date", { sensitive: "date of birth" })]).get("contact.custom_properties.date_of_birth->contacts");
    expect(p).toMatchObject({ decision: { kind: "field", field: "cf_date_of_birth" }, sensitive: true, sensitivityReason: "date of birth" });
    expect(p?.reason).toContain("sensitive (date of birth): masked in logs and diffs");
  });

  it("proposes Lead fields when the Leads module is the target, and lists users, pipelines and attachments as handled elsewhere", () => {
    const leads: DestinationField[] = [{ entity: "leads", name: "email", label: "Email", type: "email", required: false, isCustom: false }];
    const r = proposeFieldMap([makeProfile("contact", "email", "email"), makeProfile("user", "email", "email")], [...DESTINATION, ...leads], { leadTarget: "leads_module" });
    expect(r.mappings.map((m) => [m.id, m.decision])).toEqual([
      ["contact.email->contacts", { kind: "field", field: "emails" }],
      ["contact.email->leads", { kind: "field", field: "email" }],
    ]);
    expect(r.handledElsewhere).toEqual([{ object: "user", path: "email", handledBy: "owner_resolution", reason: expect.stringContaining("email match") }]);
  });

  it("keeps a mixed-type field as text and flags a poor type fit", () => {
    const m = byId([
      makeProfile("company", "custom_properties.size_band", "number", { typeConfidence: 0.6, values: ["12", "twelve", "40"] }),
      makeProfile("company", "custom_properties.employee_headcount", "text", { values: ["about 40", "12"] }),
    ]);
    expect(m.get("company.custom_properties.size_band->sales_accounts")?.decision).toMatchObject({ kind: "create_custom_field", spec: { type: "text" } });
    const headcount = m.get("company.custom_properties.employee_headcount->sales_accounts");
    // Same meaning as number_of_employees, but "about 40" cannot land in a number field.
    expect(headcount?.decision).toMatchObject({ kind: "create_custom_field", spec: { type: "text" } });
    expect(headcount?.reason).toContain("nearest is `number_of_employees` (39%, a number field: text values do not fit)");
    expect(headcount?.confidence).toBeLessThan(0.8);
  });

  it("produces mappings the edit schema accepts and a field-creation spec per entity", () => {
    const profiles = [makeProfile("deal", "custom_properties.billing_code", "text"), makeProfile("deal", "id", "text"), makeProfile("deal", "custom_properties.legacy", "text", { fillRate: 0 })];
    const { mappings } = proposeFieldMap(profiles, DESTINATION);
    expect(fieldMapSchema.safeParse(mappings).success).toBe(true);
    expect(customFieldsToCreate(mappings)).toEqual({
      deals: [{ name: "cf_billing_code", label: "Billing code", type: "text" }, { name: "cf_vp_id", label: "Visual Practice ID", type: "text", unique: true }],
    });
    expect(mappings.find((m) => m.source.path === "custom_properties.legacy")).toMatchObject({ decision: { kind: "do_not_migrate" }, reason: "never filled in 1000 records: nothing to migrate" });
  });

  it("reads a person's bare Name column as the half of the name the export lacks, for review", () => {
    const bare = makeProfile("contact", "custom_properties.Name", "text", { values: ["Hart", "Singh"] });
    const withFirst = byId([makeProfile("contact", "custom_properties.Given", "text", { label: "First name", values: ["Anna", "Tom"] }), bare]).get("contact.custom_properties.Name->contacts");
    expect(withFirst?.decision).toEqual({ kind: "field", field: "last_name" });
    expect(withFirst?.reason).toContain("a bare name beside the first name (`custom_properties.Given`)");
    expect(withFirst?.confidence).toBeLessThan(0.8);
    const withLast = byId([makeProfile("contact", "custom_properties.Family", "text", { label: "Last name", values: ["Hart"] }), bare]).get("contact.custom_properties.Name->contacts");
    expect(withLast?.decision).toEqual({ kind: "field", field: "first_name" });
    // Alone, a bare name says neither half.
    expect(byId([bare]).get("contact.custom_properties.Name->contacts")?.decision.kind).toBe("create_custom_field");
  });

  it("reads a label's first alternative (City/Suburb) and a work mobile as the mobile", () => {
    const m = byId([makeProfile("contact", "custom_properties.City_Suburb", "text", { label: "City/Suburb", values: ["Leeds"] }), makeProfile("contact", "custom_properties.Business_mobile", "phone", { label: "Business mobile" })]);
    const region = m.get("contact.custom_properties.City_Suburb->contacts");
    expect(region?.decision).toEqual({ kind: "field", field: "city" });
    expect(region?.confidence).toBeLessThan(0.9);
    expect(m.get("contact.custom_properties.Business_mobile->contacts")?.decision).toEqual({ kind: "field", field: "mobile_number" });
  });

  it("keeps a new phone field out of the bulk accept while the account's own phone field receives no column", () => {
    const line = (others: ReturnType<typeof makeProfile>[]) =>
      byId([...others, makeProfile("company", "custom_properties.Qwerty", "phone", { label: "Qwerty" })]).get("company.custom_properties.Qwerty->sales_accounts");
    const alone = line([]);
    expect(alone?.decision.kind).toBe("create_custom_field");
    expect(alone?.confidence).toBeLessThan(0.8);
    expect(alone?.reason).toContain("Freshsales `phone` (Phone) takes phone values and receives no other column: check");
    expect(line([makeProfile("company", "custom_properties.Telephone", "phone", { label: "Telephone" })])?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});
