import { describe, expect, it } from "vitest";
import { getPairMapping, loadCuratedPairs, summariseCompatibility } from "./pair-mapping";

describe("Visual Practice → Freshsales object table", () => {
  const mapping = getPairMapping("visual-practice", "freshsales");

  it("lists the product page's 14 rows in order", () => {
    expect(mapping.curated).toBe(true);
    expect(mapping.rows.map((r) => `${r.sourceLabel} → ${r.destinationLabel} ${r.cardinality} ${r.compatibility}`)).toEqual([
      "Contact → Contact 1:1 Fully supported",
      "Contact (unassigned) → Lead 1:many Fully supported",
      "Company → Account 1:1 Fully supported",
      "Deal → Opportunity 1:1 Fully supported",
      "Pipeline → Sales Pipeline 1:1 Fully supported",
      "Pipeline Stage → Opportunity Stage 1:1 Fully supported",
      "Custom Property (on Contact) → Custom Field (on Contact) 1:1 Fully supported",
      "Custom Property (on Deal) → Custom Field (on Opportunity) 1:1 Fully supported",
      "Activity (Call / Email / Note) → Task 1:1 Fully supported",
      "Activity (Meeting) → Event 1:1 Fully supported",
      "Attachment / File → Files 1:1 Fully supported",
      "User / Owner → User 1:1 Fully supported",
      "Product / Service (if applicable) → Product 1:1 Fully supported",
      "Workflow / Automation → Workflow (Freshsales) 1:1 Fully supported",
    ]);
  });

  it("says 13 of 14 objects map 1:1", () => {
    const summary = summariseCompatibility(mapping);
    expect(`${summary.headline} ${summary.line}`).toBe("13 of 14 objects map 1:1 between Visual Practice and Freshsales.");
    expect(summary.needMapping).toEqual(["contact", "activity"]);
    expect(summary.objectsInScope).toHaveLength(8);
  });
});

describe("typical mapping for pairs without a curated table", () => {
  const cases: [source: string, destination: string, line: string, needMapping: string[], unsupported: string[]][] = [
    ["visual-practice", "salesforce", "8 of 10 objects map 1:1 between Visual Practice and Salesforce.", ["contact", "activity"], []],
    ["visual-practice", "hubspot", "8 of 8 objects map 1:1 between Visual Practice and HubSpot.", [], []],
    ["visual-practice", "copper", "7 of 10 objects map 1:1 between Visual Practice and Copper.", ["contact", "activity"], ["product"]],
    ["salesforce", "pipedrive", "10 of 10 objects map 1:1 between Salesforce and Pipedrive.", [], []],
    ["dynamics-365", "hubspot", "8 of 9 objects map 1:1 between Dynamics 365 Sales and HubSpot.", ["contact"], []],
  ];
  it.each(cases)("%s → %s", (source, destination, line, needMapping, unsupported) => {
    const mapping = getPairMapping(source, destination);
    const summary = summariseCompatibility(mapping);
    expect(mapping.curated).toBe(false);
    expect(mapping.caption).toMatch(/^Typical mapping/);
    expect(`${summary.headline} ${summary.line}`).toBe(line);
    expect(summary.needMapping).toEqual(needMapping);
    expect(summary.unsupported).toEqual(unsupported);
  });

  it("routes a second destination object and merges extra source objects", () => {
    const toSalesforce = getPairMapping("visual-practice", "salesforce").rows.filter((r) => r.categoryObject === "contact");
    expect(toSalesforce.map((r) => [r.destinationLabel, r.cardinality, r.compatibility])).toEqual([
      ["Contact", "1:1", "Fully supported"],
      ["Lead", "1:many", "Needs a mapping"],
    ]);
    const fromDynamics = getPairMapping("dynamics-365", "hubspot").rows.filter((r) => r.categoryObject === "contact");
    expect(fromDynamics.map((r) => [r.sourceLabel, r.destinationLabel, r.cardinality])).toEqual([
      ["Contact", "Contact", "1:1"],
      ["Lead", "Contact", "many:1"],
    ]);
  });

  it("marks an object the destination cannot hold as not supported", () => {
    const product = getPairMapping("visual-practice", "copper").rows.find((r) => r.categoryObject === "product");
    expect(product).toMatchObject({ destinationLabel: null, cardinality: "none", compatibility: "Not supported" });
  });
});

describe("loadCuratedPairs", () => {
  it("rejects a row naming an object the platform does not have", () => {
    expect(() =>
      loadCuratedPairs([
        {
          sourceId: "visual-practice",
          destinationId: "freshsales",
          rows: [
            {
              sourceObjectId: "contact",
              sourceLabel: "Contact",
              destinationObjectId: "person",
              destinationLabel: "Person",
              categoryObject: "contact",
              cardinality: "1:1",
              compatibility: "Fully supported",
              routed: false,
            },
          ],
        },
      ]),
    ).toThrow("freshsales: unknown object person");
  });
});
