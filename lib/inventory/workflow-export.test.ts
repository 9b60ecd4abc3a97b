import { describe, expect, it } from "vitest";
import { describeAction, describeCondition, describeTrigger } from "./workflow-describe";
import { renderWorkflowChecklist, renderWorkflowsJson } from "./workflow-export";

const workflows: unknown[] = [
  {
    id: "wf1",
    name: "Welcome new patient",
    object: "contact",
    active: true,
    trigger: { event: "record_created" },
    conditions: [
      { field: "lifecycle_status", operator: "eq", value: "new" },
      { any: [{ field: "email", operator: "is_not_empty" }, { field: "mobile", operator: "is_not_empty" }] },
    ],
    actions: [
      { type: "send_email", template: "welcome_v2", to: "contact" },
      { type: "create_task", title: "Call within 48h", due_in_days: 2, assign_to: "owner" },
    ],
  },
  {
    name: "Stale deal nudge",
    object: "deals",
    active: false,
    trigger: { type: "stage_changed", field: "stage_id" },
    conditions: [],
    actions: [{ type: "webhook", url: "https://hooks.example.com/x" }, { type: "teleport", where: "mars" }],
  },
  { name: "Shape we never saw", object: "spaceship", trigger: { flux: 3 }, conditions: { weird: true }, actions: "none" },
  "not even an object",
  null,
  { name: "Cyclic" },
];
// A cycle, to prove the export survives inputs JSON.stringify chokes on.
(workflows[5] as Record<string, unknown>).self = workflows[5];

describe("workflow descriptions", () => {
  it("puts known triggers, conditions and actions into words with the Freshsales equivalent", () => {
    expect(describeTrigger({ event: "record_created" })).toMatchObject({
      words: expect.stringContaining("when a record is created") as string,
      freshsales: 'Trigger: "When a record is created"',
    });
    expect(describeTrigger({ type: "stage_changed", field: "stage_id" }).words).toMatch(/updated.*stage_id/);
    expect(describeCondition({ field: "lifecycle_status", operator: "eq", value: "new" })).toBe('lifecycle_status is "new"');
    expect(describeCondition({ any: [{ field: "a", op: "gt", value: 3 }, { field: "b", operator: "is_empty" }] })).toBe(
      "(a is greater than 3 OR b is empty)",
    );
    expect(describeAction({ type: "create_task", title: "Call" })).toMatchObject({
      words: expect.stringContaining("create a task") as string,
      freshsales: 'Action "Create task"',
    });
  });

  it("describes unknown shapes generically without throwing", () => {
    expect(describeTrigger({ flux: 3 }).words).toContain("flux: 3");
    expect(describeTrigger(undefined).freshsales).toMatch(/Unrecognised/);
    expect(describeAction({ type: "teleport", where: "mars" })).toMatchObject({
      words: expect.stringContaining("where") as string,
      freshsales: expect.stringContaining("No known Freshsales equivalent") as string,
    });
    expect(describeCondition(42)).toBe("42");
    expect(describeAction(null).freshsales).toMatch(/Unrecognised/);
  });
});

describe("workflow export", () => {
  it("JSON keeps every definition and names its Freshsales module", () => {
    const parsed = JSON.parse(renderWorkflowsJson(workflows)) as {
      count: number;
      workflows: { name: string; freshsalesModule: string; definition: unknown }[];
    };
    expect(parsed.count).toBe(6);
    expect(parsed.workflows[0]).toMatchObject({ name: "Welcome new patient", freshsalesModule: "Contacts", active: true });
    expect(parsed.workflows[0]?.definition).toEqual(workflows[0]);
    expect(parsed.workflows[1]?.freshsalesModule).toBe("Deals");
    expect(parsed.workflows[2]?.freshsalesModule).toMatch(/no matching module/);
    expect(parsed.workflows[3]).toMatchObject({ name: "Untitled workflow #4", definition: "not even an object" });
    expect(parsed.workflows[5]?.definition).toMatchObject({ name: "Cyclic", self: "[Circular]" });
  });

  it("the checklist has a section and checkboxes per workflow step", () => {
    const md = renderWorkflowChecklist(workflows);
    const sections = md.split("\n## ").slice(1);
    expect(sections).toHaveLength(6);
    const first = sections[0] ?? "";
    expect(first).toMatch(/^1\. Welcome new patient \(active\)/);
    expect(first).toContain("Freshsales module: **Contacts**");
    expect(first).toContain('- [ ] Trigger: when a record is created [record_created]. In Freshsales: Trigger: "When a record is created"');
    expect(first).toContain('- [ ] Condition 1: lifecycle_status is "new"');
    expect(first).toContain("- [ ] Condition 2: (email is not empty OR mobile is not empty)");
    expect(first).toMatch(/- \[ \] Action 1: send an email \(template "welcome_v2", to "contact"\).*"Send email"/);
    expect(first).toMatch(/- \[ \] Action 2: create a task .*"Create task"/);
    expect(first).toContain("- [ ] Activate it after testing");
    const second = sections[1] ?? "";
    expect(second).toContain("(inactive)");
    expect(second).toContain("Leave it inactive");
    expect(second).toContain('"Trigger webhook"');
    expect(second).toMatch(/Action 2: "teleport".*No known Freshsales equivalent/);
    expect(sections[2]).toContain("Condition 1: weird: true");
    expect(sections[3]).toContain("not an object");
  });

  it("an empty or non-array input still renders", () => {
    expect(renderWorkflowChecklist([])).toContain("0 Visual Practice workflows");
    expect(JSON.parse(renderWorkflowsJson("junk" as unknown as unknown[]))).toMatchObject({ count: 0, workflows: [] });
  });
});
