import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { contentDisposition, downloadResponse, fieldSpecDownload, workflowDownload } from "./downloads";
import { profileRecords } from "./profiler";

const profiles = profileRecords(
  "contact",
  Array.from({ length: 30 }, (_, i) => ({
    id: `c${i}`,
    custom_properties: { referral_source: ["Walk-in", "Google search", "Physician referral"][i % 3], sms_consent: i % 2 === 0 },
  })),
  [
    { object: "contact", key: "referral_source", label: "Referral source" },
    { object: "contact", key: "sms_consent", label: "SMS consent" },
  ],
);

describe("inventory downloads", () => {
  it("names the file after the migration and escapes what a header cannot carry", () => {
    expect(contentDisposition('Clinic "Nord" é.csv')).toBe(`attachment; filename="Clinic Nord e.csv"; filename*=UTF-8''Clinic%20%22Nord%22%20%C3%A9.csv`);
    const d = fieldSpecDownload("Clínica Norte", profiles, "csv");
    expect(d.filename).toBe("freshsales-fields-clinica-norte.csv");
    expect(downloadResponse(d).headers.get("content-disposition")).toMatch(/^attachment; filename="freshsales-fields-clinica-norte\.csv"/);
  });

  it("lists each custom property as a field to create, with its inferred type", () => {
    const rows = parse(fieldSpecDownload("m", profiles, "csv").body, { columns: true }) as Record<string, string>[];
    const referral = rows.find((r) => r["Source field"] === "contact.custom_properties.referral_source");
    expect(referral?.["Freshsales type"]).toBe("dropdown");
    expect(referral?.["Dropdown values"]?.split("\n").sort()).toEqual(["Google search", "Physician referral", "Walk-in"]);
    expect(rows.find((r) => r["Source field"] === "contact.custom_properties.sms_consent")?.["Freshsales type"]).toBe("checkbox");
    const json = JSON.parse(fieldSpecDownload("m", profiles, "json").body) as { objects: Record<string, unknown[]> };
    expect(json.objects.Contact?.length).toBe(rows.filter((r) => r["Freshsales object"] === "Contact").length);
  });

  it("exports workflows as JSON and as a checklist", () => {
    const workflows = [{ id: "w1", name: "Welcome new patient", object: "contact", active: true, trigger: { event: "created" }, conditions: [], actions: [] }];
    const json = JSON.parse(workflowDownload("m", workflows, "json").body) as { count: number };
    expect(json.count).toBe(1);
    const md = workflowDownload("m", workflows, "md");
    expect(md.contentType).toMatch(/^text\/markdown/);
    expect(md.body).toContain("Welcome new patient");
  });
});
