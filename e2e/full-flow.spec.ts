import { expect as baseExpect, test as base, type Page } from "@playwright/test";
import { startSandbox } from "../lib/sandbox/start-sandbox";
import { checkPage } from "./axe";
import { connectToSandboxes, createMigration, newIdentity, signUp, type SandboxAccess } from "./helpers";
import { SELECTOR_OF } from "../test/support/selectors";

// The whole flow in a browser: connect, extract, map, preflight, dry run (its figures read off
// the page and compared with the run's afterwards), sample with diff and sign-off, full run,
// delta window (a contact, a task, a note and a deal's stage changed through the VP sandbox
// arrive in Freshsales; a contact deleted there and one edited on both sides wait for the
// admin's choice), reconcile, go-live; and a second migration that is rolled back instead.
//
// Each test runs against its own pair of sandbox CRMs, started here rather than the e2e
// server's shared pair: the flow writes to Freshsales and creates its custom fields there,
// which would change what the other specs (map, preflight) find, and the rollback test needs
// an account the first test has not written to. The dataset is small (a few hundred records)
// so that the whole walk fits the CI budget; the sizes the engine handles are covered by its
// own database tests and benchmarks. The clock runs at the app's scale (SANDBOX_CLOCK_SCALE,
// passed on by scripts/test.ts), so the rate governor and the emulator agree.
const CLOCK_SCALE = Number(process.env.E2E_CLOCK_SCALE ?? "60");
const FLOW_TOTAL = 400;
const SAMPLE_SIZE = 100;
const READY = Boolean(process.env.E2E_BASE_URL);

interface Crm extends SandboxAccess {
  vpOrigin: string;
  fsOrigin: string;
  /** The emulator's canonical dump of what Freshsales holds (records, activities, documents). */
  fsHolds(): unknown;
}

const test = base.extend<{ crm: Crm; fsProfile: "default" | "variant" }>({
  // Which way the Freshsales emulator answers the points the API doc leaves open.
  fsProfile: ["default", { option: true }],
  crm: async ({ fsProfile }, provide) => {
    const sandbox = await startSandbox({ seed: 23, total: FLOW_TOTAL, vpRatePerSecond: 50, clockScale: CLOCK_SCALE, freshsalesProfile: fsProfile });
    try {
      await provide({
        vpUrl: sandbox.visualPractice.baseUrl,
        vpToken: sandbox.visualPractice.token,
        vpOrigin: sandbox.visualPractice.url,
        fsUrl: sandbox.freshsales.apiBase,
        fsKey: sandbox.freshsales.apiKey,
        fsOrigin: sandbox.freshsales.url,
        fsHolds: () => {
          const d = sandbox.freshsales.admin.dump() as Record<string, unknown>;
          return { records: d.records, activities: d.activities, leads: d.leads, documents: d.documents };
        },
      });
    } finally {
      await sandbox.close();
    }
  },
});

// No action or check may wait on a missing element for the whole test: each fails within
// half a minute (a server action's round trip on a loaded 2-core machine included) naming
// the locator it waited for. Long waits (extraction, runs, jobs) say so explicitly.
test.use({ actionTimeout: 30_000, navigationTimeout: 60_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const WIRE_TYPE: Record<string, string> = { paragraph: "textarea", multiselect: "multi_select_dropdown", phone: "phone_number" };

interface ToCreate {
  fields: { entity: string; label: string; name: string; type: string; choices?: string[]; unique?: boolean }[];
  choices: { entity: string; field: string; values: string[] }[];
  users: { email: string }[];
}

/** Reloads the step's page until its gate shows done in the step list. */
async function waitForGate(page: Page, step: string, timeout: number) {
  await expect(async () => {
    await page.reload();
    await expect(page.locator(`[data-step="${step}"]`), `the ${step} gate is not done yet`).toHaveAttribute("data-status", "done", { timeout: 2_000 });
  }, `the ${step} gate did not complete within ${timeout / 1000} s`).toPass({ timeout, intervals: [2_000] });
}

async function connectAndExtract(page: Page, id: string, crm: Crm) {
  await test.step("connect both CRMs", async () => {
    await connectToSandboxes(page, id, crm);
  });
  await test.step("extract", async () => {
    await page.goto(`/migrations/${id}/inventory`);
    await page.getByRole("button", { name: "Start extraction" }).click();
    await waitForGate(page, "inventory", 120_000);
  });
}

async function approveMap(page: Page, id: string, audit: boolean) {
  await test.step("review and approve the map", async () => {
    await page.goto(`/migrations/${id}/map`);
    await expect(page.getByRole("heading", { name: "Field map" })).toBeVisible({ timeout: 60_000 });
    await page.getByRole("button", { name: /Accept \d+ high-confidence proposals/ }).click();
    await expect(page.getByRole("button", { name: "Accept 0 high-confidence proposals (≥ 90%)" })).toBeDisabled();
    const undecided = page.getByTestId("undecided-count");
    const grid = page.getByTestId("field-map-grid");
    const rows = grid.locator('[role="row"][data-mapping-id]');
    const editor = page.getByTestId("mapping-editor");
    // Each filter's <label> wraps its <select>, so the label's text runs on into the options'
    // ("StatusAny status…"): an exact "Status" never matches. Its visible caption starts it.
    const filters = page.locator("#fieldMap");
    // Freshsales tasks, appointments and notes take no custom fields (preflight would list
    // each under "To fix in the map"): the activity fields proposed as new custom fields
    // are left out, as the reviewer would.
    await filters.getByLabel(/^Object/).selectOption("activity");
    await filters.getByLabel("Search", { exact: true }).fill("s.cf_");
    for (let i = 0; i < 30 && (await rows.count()) > 0; i++) {
      const before = await rows.count();
      await rows.first().click();
      await editor.getByLabel("Do not migrate").check();
      await editor.getByRole("button", { name: "Save and accept" }).click();
      await expect(rows, "leaving an activity field out did not take it off the list").toHaveCount(before - 1);
    }
    await filters.getByLabel("Search", { exact: true }).fill("");
    await filters.getByLabel(/^Object/).selectOption("all");
    await filters.getByLabel(/^Status/).selectOption("undecided");
    for (let i = 0; i < 300; i++) {
      const text = ((await undecided.textContent()) ?? "").trim();
      if (/^0 of/.test(text)) break;
      await rows.first().click();
      await editor.getByRole("button", { name: "Save and accept" }).click();
      await expect(undecided, "accepting a mapping did not change the undecided count").not.toHaveText(text);
    }
    await expect(undecided).toContainText(/^0 of/);
    await page.getByRole("button", { name: "Approve field map" }).click();
    await expect(page.getByTestId("approval-fieldMap")).toContainText("Approved by");
    await page.getByRole("button", { name: "Approve object routing" }).click();
    await expect(page.getByTestId("approval-routing")).toContainText("Approved by");
    const closest = page.getByRole("button", { name: /^Confirm “/ });
    for (let i = 0; i < 20 && (await closest.count()) > 0; i++) {
      const before = await closest.count();
      await closest.first().click();
      await expect(closest).toHaveCount(before - 1);
    }
    await page.getByRole("button", { name: "Approve stage map" }).click();
    await expect(page.getByTestId("approval-stageMap")).toContainText("Approved by");
    // Each of these saves the owner draft: one at a time, each seen saved, as a person would.
    const owners = page.getByTestId("approval-owners");
    await page.getByLabel(/Fallback owner/).selectOption({ index: 1 });
    await expect(owners).not.toContainText("choose a fallback owner");
    await page.getByRole("button", { name: "Confirm all as shown" }).click();
    await expect(owners).not.toContainText("owners to confirm");
    await page.getByRole("button", { name: "Approve owner resolution" }).click();
    await expect(page.getByTestId("approval-owners")).toContainText("Approved by");
    await expect(page.locator('[data-step="map"]')).toHaveAttribute("data-status", "done");
    if (audit) await checkPage(page, "map-approved");
  });
}

async function emulator(page: Page, crm: Crm, path: string, body: unknown) {
  const res = await page.request.post(`${crm.fsOrigin}/_emulator/${path}`, { data: body });
  expect(res.ok(), `Freshsales admin ${path}: ${await res.text()}`).toBe(true);
}

async function passPreflight(page: Page, id: string, crm: Crm, audit: boolean) {
  await test.step("preflight: the Freshsales admin creates what is listed, then it passes", async () => {
    await page.goto(`/migrations/${id}/preflight`);
    await page.getByRole("button", { name: "Run preflight" }).click();
    const status = page.getByTestId("preflight-status");
    await expect(status).toContainText(/Passed|Failed/, { timeout: 60_000 });
    if ((await status.textContent())?.includes("Failed")) {
      const { result } = (await (await page.request.get(`/api/migrations/${id}/preflight`)).json()) as { result: { toCreate: ToCreate } };
      for (const f of result.toCreate.fields) {
        // The list marks cf_vp_id Unique (every upsert keys on it); the admin ticks it as listed.
        await emulator(page, crm, "fields", { entity: f.entity === "leads" ? "contacts" : f.entity, label: f.label, name: f.name, type: WIRE_TYPE[f.type] ?? f.type, ...(f.choices ? { choices: f.choices } : {}), ...(f.unique ? { unique: true } : {}) });
      }
      for (const c of result.toCreate.choices) {
        const selector = SELECTOR_OF[c.field];
        if (selector) await emulator(page, crm, "load", { selectors: { [selector]: c.values } });
        else await emulator(page, crm, "choices", { entity: c.entity, field: c.field, values: c.values });
      }
      for (const u of result.toCreate.users) await emulator(page, crm, "users", { email: u.email, is_active: true });
      await page.getByRole("button", { name: "Re-check" }).click();
      await expect(status).toContainText("Passed", { timeout: 60_000 });
    }
    await expect(page.locator('[data-step="preflight"]')).toHaveAttribute("data-status", "done");
    if (audit) await checkPage(page, "preflight-passed");
  });
}

type Figures = Record<string, { written: number; skipped: number; failed: number }>;
const PLANNED_OBJECTS = ["companies", "contacts", "deals", "products", "activities", "attachments"];
const count = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));

/** The dry run, a gate between Preflight and Sample: its figures per object, read off the page. */
async function dryRun(page: Page, id: string, audit: boolean): Promise<Figures> {
  const plan: Figures = {};
  await test.step("dry run: the plan of the full run, writing nothing", async () => {
    await page.goto(`/migrations/${id}/dry-run`);
    await page.getByTestId("start-dry-run").click();
    await expect(page.getByTestId("dry-run-status")).toContainText("Planned", { timeout: 180_000 });
    await waitForGate(page, "dry-run", 30_000);
    await expect(page.locator('[data-step="sample"]')).toHaveAttribute("data-status", "open");
    if (audit) await checkPage(page, "dry-run");
    for (const object of PLANNED_OBJECTS) {
      const row = page.getByTestId(`plan-${object}`);
      if ((await row.count()) === 0) continue;
      const cell = async (k: string) => count(await row.locator(`td[data-outcome="${k}"]`).textContent());
      plan[object] = { written: (await cell("created")) + (await cell("updated")), skipped: await cell("skipped"), failed: await cell("failed") };
    }
    expect(plan.contacts?.written, "the plan writes contacts").toBeGreaterThan(0);
  });
  return plan;
}

/** The full run's figures per object, read off the run page, against the plan read off the dry-run page. */
async function comparePlanWithRun(page: Page, id: string, plan: Figures) {
  await test.step("the dry run's figures are the run's outcome", async () => {
    await page.goto(`/migrations/${id}/full-run`);
    for (const [object, planned] of Object.entries(plan)) {
      const row = page.getByTestId(`counts-${object}`);
      const cells = row.locator("td");
      const actual = { written: count(await cells.nth(1).textContent()), skipped: count(await cells.nth(2).textContent()), failed: count(await cells.nth(3).textContent()) };
      expect(actual, `${object}: the run page against the dry run page`).toEqual(planned);
    }
  });
}

async function sampleAndSignOff(page: Page, id: string, audit: boolean) {
  await test.step("sample: diff, filters, sign-off", async () => {
    await page.goto(`/migrations/${id}/sample`);
    await page.getByLabel("Records in the sample").fill(String(SAMPLE_SIZE));
    await page.getByTestId("sample-run").click();
    await expect(page.getByTestId("sample-status")).toContainText("Sample done", { timeout: 180_000 });
    await expect(page.getByTestId("diff-table")).toBeVisible();
    await expect(page.getByTestId("sample-summary")).toContainText("Equal");
    if (audit) await checkPage(page, "sample-diff");
    await page.getByTestId("filter-mismatches").check();
    await page.getByTestId("filter-mismatches").uncheck();
    await page.getByTestId("filter-object").selectOption("contacts");
    await expect(page.locator('[data-testid="diff-table"] tbody tr').first()).toContainText("contacts");
    const accept = page.getByLabel(/I reviewed the \d+ mismatched/);
    if ((await accept.count()) > 0) await accept.check();
    await page.getByTestId("sample-sign-off").click();
    await expect(page.getByTestId("sample-signed-off")).toContainText("Signed off");
    await expect(page.locator('[data-step="sample"]')).toHaveAttribute("data-status", "done");
  });
}

async function fullRun(page: Page, id: string, audit: boolean) {
  await test.step("full run", async () => {
    await page.goto(`/migrations/${id}/full-run`);
    await page.getByRole("button", { name: "Start full run" }).click();
    await expect(page.getByTestId("run-status")).toBeVisible();
    const status = page.getByTestId("run-status");
    await expect(status, "the full run did not finish").toHaveText(/^Done/, { timeout: 300_000 });
    if ((await status.textContent()) === "Done with failures") {
      // More failures than the default thresholds allow: the page leads with what is over and
      // what to do; the gate stays held until the admin accepts them with a reason.
      const held = page.getByTestId("failure-gate");
      await expect(held).toContainText("The full-run gate is held");
      await expect(page.getByTestId("over-threshold")).toContainText(/failed \(.*% allowed\)/);
      await expect(page.getByTestId("remedy").first()).toContainText("What to do:");
      await expect(page.locator('[data-step="full-run"]')).not.toHaveAttribute("data-status", "done");
      if (audit) await checkPage(page, "full-run-held");
      await held.getByLabel("Why these failures are acceptable").fill("The practice re-enters these few records by hand after go-live.");
      await held.getByRole("button", { name: "Accept the failures and open the next step" }).click();
    }
    await waitForGate(page, "full-run", 60_000);
    if (audit) await checkPage(page, "full-run");
  });
}

type Written = { sourceId: string; destId: string };

/** Written contacts of the sample (Contacts, not Leads), to change in the source during the window. */
async function writtenContacts(page: Page, id: string, n: number): Promise<Written[]> {
  const view = (await (await page.request.get(`/api/migrations/${id}/sample?object=contacts`)).json()) as { rows: { sourceId: string; destId: string | null; target: string | null }[] };
  // One row per sample record and check, so a contact can be listed more than once.
  const rows = [...new Map(view.rows.filter((r) => r.target === "contacts" && r.destId).map((r) => [r.sourceId, r])).values()].slice(0, n);
  if (rows.length < n) throw new Error(`fewer than ${n} written contacts in the sample`);
  return rows.map((r) => ({ sourceId: r.sourceId, destId: String(r.destId) }));
}

interface WrittenActivity {
  sourceId: string;
  destId: string;
  /** The emulator's dump key: task, appointment or note. */
  kind: string;
}

/** A task made from a call or email, and a Visual Practice note (a task or a note, per the routing), both written by the run. */
async function writtenActivities(page: Page, crm: Crm): Promise<{ task: WrittenActivity; note: WrittenActivity }> {
  const held = crm.fsHolds() as { activities: Record<string, { id: number; data: { description?: string } }[]> };
  let task: WrittenActivity | undefined;
  let note: WrittenActivity | undefined;
  for (const kind of ["task", "note"]) {
    for (const a of held.activities[kind] ?? []) {
      const sourceId = /\[vp:([^\]]+)\]/.exec(a.data.description ?? "")?.[1];
      if (!sourceId) continue;
      const res = await page.request.get(`${crm.vpUrl}/activities/${sourceId}`, { headers: { Authorization: `Bearer ${crm.vpToken}` } });
      const type = ((await res.json()) as { data?: { type?: string } }).data?.type;
      if (type === "note") note ??= { sourceId, destId: String(a.id), kind };
      else if (kind === "task") task ??= { sourceId, destId: String(a.id), kind };
      if (task && note) return { task, note };
    }
  }
  throw new Error("the run wrote no task from a call or email, or no note");
}

/** A written deal and another open stage of its pipeline that its Freshsales pipeline has by name. */
async function dealToMove(page: Page, crm: Crm): Promise<{ sourceId: string; destId: string; toStageId: string; toFsStageId: number }> {
  const vp = { headers: { Authorization: `Bearer ${crm.vpToken}` } };
  const fs = { headers: { Authorization: `Token token=${crm.fsKey}` } };
  const pipelines = ((await (await page.request.get(`${crm.vpUrl}/pipelines?per_page=200`, vp)).json()) as { data: { id: string; stages: { id: string; name: string; is_won: boolean; is_lost: boolean }[] }[] }).data;
  const held = crm.fsHolds() as { records: Record<string, { id: number; data: Record<string, unknown>; custom_field?: Record<string, unknown> }[]> };
  for (const d of (held.records.deals ?? []).slice(0, 30)) {
    const sourceId = d.custom_field?.cf_vp_id;
    if (typeof sourceId !== "string") continue;
    const deal = ((await (await page.request.get(`${crm.vpUrl}/deals/${sourceId}`, vp)).json()) as { data: { pipeline_id: string; stage_id: string } }).data;
    const fsStages = ((await (await page.request.get(`${crm.fsUrl}/selector/deal_pipelines/${String(d.data.deal_pipeline_id)}/deal_stages`, fs)).json()) as { deal_stages?: { id: number; name: string }[] }).deal_stages ?? [];
    for (const s of pipelines.find((p) => p.id === deal.pipeline_id)?.stages ?? []) {
      const fsStage = fsStages.find((f) => f.name.toLowerCase() === s.name.toLowerCase());
      if (s.id !== deal.stage_id && !s.is_won && !s.is_lost && fsStage && fsStage.id !== d.data.deal_stage_id) return { sourceId, destId: String(d.id), toStageId: s.id, toFsStageId: fsStage.id };
    }
  }
  throw new Error("no written deal with another open stage to move to");
}

async function freshsalesContact(page: Page, crm: Crm, destId: string) {
  return page.request.get(`${crm.fsUrl}/contacts/${destId}`, { headers: { Authorization: `Token token=${crm.fsKey}` } });
}

async function wholeFlow(page: Page, crm: Crm, audit: boolean) {
  await signUp(page, newIdentity("Flow"));
  const name = "Full flow";
  const id = await createMigration(page, name);
  await connectAndExtract(page, id, crm);
  await approveMap(page, id, audit);
  await passPreflight(page, id, crm, audit);
  const plan = await dryRun(page, id, audit);
  await sampleAndSignOff(page, id, audit);
  await fullRun(page, id, audit);
  await comparePlanWithRun(page, id, plan);

  await test.step("the run's figures agree with what Freshsales holds", async () => {
    const held = crm.fsHolds() as { records: Record<string, { custom_field?: Record<string, unknown> }[]> };
    for (const [object, kind] of [["companies", "sales_accounts"], ["contacts", "contacts"], ["deals", "deals"]] as const) {
      const written = Number(((await page.getByTestId(`counts-${object}`).locator("td").nth(1).textContent()) ?? "").replace(/\D/g, ""));
      const carrying = (held.records[kind] ?? []).filter((r) => r.custom_field?.cf_vp_id).length;
      expect(written, `${object}: written on the run page`).toBeGreaterThan(0);
      expect(carrying, `${object}: records carrying a source id in Freshsales vs written on the run page`).toBe(written);
    }
  });

  await test.step("delta: changes in the source arrive in Freshsales; a deletion and a both-sides edit wait for the admin", async () => {
    await page.goto(`/migrations/${id}/delta`);
    await page.getByLabel("Window (hours)").fill("0.5");
    await page.getByLabel("Poll every (seconds)").fill("2");
    await page.getByTestId("delta-open").click();
    await expect(page.getByTestId("delta-status")).toContainText("Open until");
    const stamp = Date.now().toString(36);
    const [contact, conflicted, deleted] = (await writtenContacts(page, id, 3)) as [Written, Written, Written];
    const { task, note } = await writtenActivities(page, crm);
    const deal = await dealToMove(page, crm);
    const fs = { headers: { Authorization: `Token token=${crm.fsKey}` } };
    // Freshsales is edited first, so the source's edit of the same field is a conflict, not overwritten.
    const fsEdit = await page.request.put(`${crm.fsUrl}/contacts/${conflicted.destId}`, { ...fs, data: { contact: { last_name: `Fs-${stamp}` } } });
    expect(fsEdit.ok(), await fsEdit.text()).toBe(true);
    const source = async (action: string, data: unknown) => {
      const res = await page.request.post(`${crm.vpOrigin}/_sandbox/${action}`, { data });
      expect(res.ok(), await res.text()).toBe(true);
    };
    await source("update", { collection: "contacts", id: contact.sourceId, patch: { first_name: `Changed-${stamp}` } });
    await source("update", { collection: "contacts", id: conflicted.sourceId, patch: { last_name: `Src-${stamp}` } });
    await source("update", { collection: "activities", id: task.sourceId, patch: { subject: `Task-${stamp}` } });
    await source("update", { collection: "activities", id: note.sourceId, patch: { body: `Note-${stamp}` } });
    await source("update", { collection: "deals", id: deal.sourceId, patch: { stage_id: deal.toStageId } });
    await source("delete", { collection: "contacts", id: deleted.sourceId });

    // Each is on the page ...
    for (const sid of [contact.sourceId, task.sourceId, note.sourceId, deal.sourceId, deleted.sourceId, conflicted.sourceId]) {
      await expect(page.getByTestId("delta-recent"), `the delta window did not pick up ${sid}`).toContainText(sid, { timeout: 60_000 });
    }
    // ... and in Freshsales.
    const held = () => crm.fsHolds() as { records: Record<string, { id: number; data: Record<string, unknown>; custom_field?: Record<string, unknown> }[]>; activities: Record<string, { id: number; data: Record<string, unknown> }[]> };
    const record = (kind: string, destId: string) => held().records[kind]?.find((r) => r.id === Number(destId));
    const activity = (kind: string, destId: string) => held().activities[kind]?.find((r) => r.id === Number(destId));
    expect(record("contacts", contact.destId)?.data.first_name).toBe(`Changed-${stamp}`);
    expect(String(activity(task.kind, task.destId)?.data.title)).toContain(`Task-${stamp}`);
    expect(String(activity(note.kind, note.destId)?.data.description)).toContain(`Note-${stamp}`);
    expect(record("deals", deal.destId)?.data.deal_stage_id).toBe(deal.toFsStageId);

    // The three values of the conflict; the bulk choice takes the source's last name for all contacts.
    const conflict = page.getByTestId(`conflict-contacts-${conflicted.sourceId}`);
    await expect(conflict).toContainText(`Src-${stamp}`, { timeout: 60_000 });
    await expect(conflict).toContainText(`Fs-${stamp}`);
    expect(record("contacts", conflicted.destId)?.data.last_name).toBe(`Fs-${stamp}`);
    const bulk = page.getByTestId("delta-bulk-choice");
    await bulk.getByLabel("For all").selectOption("contacts");
    await bulk.getByLabel("Field").selectOption("last_name");
    await bulk.getByLabel("Take").selectOption("source");
    await bulk.getByRole("button", { name: "Apply to all" }).click();
    await expect(conflict).toContainText("Took source values");
    expect(record("contacts", conflicted.destId)?.data.last_name).toBe(`Src-${stamp}`);

    // Nothing was deleted in Freshsales by itself; the admin deletes it, then brings it back.
    const listed = page.getByTestId("delta-deletions").locator("li", { hasText: deleted.sourceId });
    await expect(listed).toContainText("Open");
    expect(record("contacts", deleted.destId)).toBeDefined();
    await listed.getByRole("button", { name: "Delete in Freshsales" }).click();
    await expect(listed).toContainText("Deleted in Freshsales");
    expect(record("contacts", deleted.destId)).toBeUndefined();
    await listed.getByRole("button", { name: "Restore in Freshsales" }).click();
    await expect(listed).toContainText("Restored in Freshsales");
    expect(held().records.contacts?.filter((c) => c.custom_field?.cf_vp_id === deleted.sourceId)).toHaveLength(1);

    if (audit) await checkPage(page, "delta");
    await page.getByTestId("delta-end").click();
    await waitForGate(page, "delta", 60_000);
  });

  await test.step("reconcile: explain whatever diverges", async () => {
    await page.goto(`/migrations/${id}/reconcile`);
    await page.getByTestId("reconcile-run").click();
    await expect(page.getByTestId("reconcile-status")).toContainText(/Reconciled|divergences to explain/, { timeout: 120_000 });
    await expect(page.getByTestId("reconcile-counts")).toBeVisible();
    const explain = page.getByLabel("Explanation");
    for (let i = 0; i < 50 && (await explain.count()) > 0; i++) {
      const before = await explain.count();
      await explain.first().fill("Reviewed with the practice manager: expected");
      await page.getByRole("button", { name: "Explain" }).first().click();
      await expect(explain).toHaveCount(before - 1);
    }
    await waitForGate(page, "reconcile", 60_000);
    const json = await page.request.get(`/api/migrations/${id}/reconcile/download?format=json`);
    expect(json.ok()).toBe(true);
    expect(((await json.json()) as { objects: unknown[] }).objects.length).toBeGreaterThan(0);
    if (audit) await checkPage(page, "reconcile");
  });

  await test.step("go-live behind its confirmation; afterwards nothing can write", async () => {
    await page.goto(`/migrations/${id}/go-live`);
    await page.getByTestId("go-live-open").click();
    await expect(page.getByTestId("go-live-confirm")).toBeDisabled();
    await page.getByLabel("Type the migration’s name to confirm").fill(name);
    await page.getByTestId("go-live-confirm").click();
    await expect(page.getByTestId("go-live-done")).toContainText("Live");
    await expect(page.locator('[data-step="go-live"]')).toHaveAttribute("data-status", "done");
    if (audit) await checkPage(page, "go-live");
    await page.goto(`/migrations/${id}/sample`);
    await expect(page.getByTestId("sample-run")).toHaveCount(0);
    await page.goto(`/migrations/${id}/delta`);
    await expect(page.getByTestId("delta-open")).toHaveCount(0);
  });
}

test("the whole flow: sample with diff and sign-off, full run, delta window, reconcile, go-live", async ({ page, crm }) => {
  test.skip(!READY, "E2E_BASE_URL is not set: run through `npm test -- e2e`");
  test.setTimeout(900_000);
  await wholeFlow(page, crm, true);
});

test.describe("against a Freshsales that reads the API doc's open points the other way", () => {
  // Bare bulk jobs naming items only by identifier, bare string-id creates, single-nested
  // lookups, HTML gateway errors, unique account names, stages checked against their pipeline.
  test.use({ fsProfile: "variant" });
  test("the whole flow on the variant profile", async ({ page, crm }) => {
    test.skip(!READY, "E2E_BASE_URL is not set: run through `npm test -- e2e`");
    test.setTimeout(900_000);
    // The pages were checked with axe on the default profile; they do not depend on it.
    await wholeFlow(page, crm, false);
  });
});

test("a second migration is rolled back after its full run", async ({ page, crm }) => {
  test.skip(!READY, "E2E_BASE_URL is not set: run through `npm test -- e2e`");
  test.setTimeout(900_000);
  await signUp(page, newIdentity("Rollback"));
  const id = await createMigration(page, "Rolled back");
  await connectAndExtract(page, id, crm);
  // The pages up to the full run were checked with axe in the first test.
  await approveMap(page, id, false);
  await passPreflight(page, id, crm, false);
  // What Freshsales holds before this migration writes anything (the contacts that were
  // already there included): the rollback must bring it back to exactly this.
  const before = crm.fsHolds();
  await dryRun(page, id, false);
  expect(crm.fsHolds(), "the dry run wrote to Freshsales").toEqual(before);
  await sampleAndSignOff(page, id, false);
  await fullRun(page, id, false);
  const [contact] = await writtenContacts(page, id, 1);
  if (!contact) throw new Error("no written contact");
  expect((await freshsalesContact(page, crm, contact.destId)).status(), "the migrated contact is not in Freshsales").toBe(200);
  expect(crm.fsHolds(), "the full run wrote nothing to Freshsales").not.toEqual(before);

  await test.step("roll back behind its confirmation; the page reports what was undone", async () => {
    await page.getByTestId("rollback-open").click();
    await expect(page.getByTestId("rollback-confirm")).toBeDisabled();
    await page.getByLabel("Type ROLLBACK to confirm").fill("ROLLBACK");
    await page.getByTestId("rollback-confirm").click();
    const report = page.getByRole("region", { name: "Rollback" });
    await expect(report, "the rollback did not finish").toContainText("Done:", { timeout: 180_000 });
    await expect(report).toContainText(/\d+ contacts/);
    await expect(report).toContainText(/\d+ updated records restored/);
    await checkPage(page, "rollback");
  });

  await test.step("Freshsales holds what it held before the migration", async () => {
    expect((await freshsalesContact(page, crm, contact.destId)).status(), `contact ${contact.destId} is still in Freshsales`).toBe(404);
    expect(crm.fsHolds(), "Freshsales after the rollback differs from before the migration").toEqual(before);
  });

  await test.step("the later steps are locked again", async () => {
    await page.goto(`/migrations/${id}/go-live`);
    await expect(page.getByTestId("step-locked")).toContainText("“Full run”");
  });
});
