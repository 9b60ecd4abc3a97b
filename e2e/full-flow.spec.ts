import { expect, test, type Page } from "@playwright/test";
import { checkPage } from "./axe";
import { connectToSandboxes, createMigration, newIdentity, signUp } from "./helpers";

// The whole flow in a browser against the two sandbox CRMs the e2e server runs: connect,
// extract, map, preflight, sample with diff and sign-off, full run, delta window (a source
// change made through the VP sandbox arrives in Freshsales), reconcile, go-live; and a second
// migration that is rolled back instead.
const VP_URL = process.env.E2E_VP_URL ?? "";
const VP_TOKEN = process.env.E2E_VP_TOKEN ?? "";
const VP_ORIGIN = process.env.E2E_VP_ORIGIN ?? "";
const FS_URL = process.env.E2E_FS_URL ?? "";
const FS_KEY = process.env.E2E_FS_KEY ?? "";
const FS_ORIGIN = process.env.E2E_FS_ORIGIN ?? "";
const READY = Boolean(VP_URL && VP_TOKEN && VP_ORIGIN && FS_URL && FS_KEY && FS_ORIGIN);

// Opt-in (E2E_FULL_FLOW=1): on this 2-core machine one pass of the whole flow took longer
// than the CI budget allows for it, and it has not yet been seen green; each step has its
// own spec and database tests that do run on every `npm test`.
test.skip(!process.env.E2E_FULL_FLOW, "the whole-flow browser walk runs only with E2E_FULL_FLOW=1");

const SELECTOR_OF: Record<string, string> = {
  lifecycle_stage_id: "lifecycle_stages", industry_type_id: "industry_types", contact_status_id: "contact_statuses", lead_source_id: "lead_sources",
  deal_type_id: "deal_types", deal_reason_id: "deal_reasons", business_type_id: "business_types",
};
const WIRE_TYPE: Record<string, string> = { paragraph: "textarea", multiselect: "multi_select_dropdown", phone: "phone_number" };

interface ToCreate {
  fields: { entity: string; label: string; name: string; type: string; choices?: string[] }[];
  choices: { entity: string; field: string; values: string[] }[];
  users: { email: string }[];
}

async function waitForGate(page: Page, step: string, timeout = 300_000) {
  await expect(async () => {
    await page.reload();
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute("data-status", "done", { timeout: 2_000 });
  }).toPass({ timeout, intervals: [2_000] });
}

async function connectAndExtract(page: Page, id: string) {
  await connectToSandboxes(page, id);
  await page.goto(`/migrations/${id}/inventory`);
  await page.getByRole("button", { name: "Start extraction" }).click();
  await waitForGate(page, "inventory", 180_000);
}

async function approveMap(page: Page, id: string) {
  await page.goto(`/migrations/${id}/map`);
  await expect(page.getByRole("heading", { name: "Field map" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: /Accept \d+ high-confidence proposals/ }).click();
  const undecided = page.getByTestId("undecided-count");
  const grid = page.getByTestId("field-map-grid");
  await page.getByLabel("Status", { exact: true }).selectOption("undecided");
  for (let i = 0; i < 300; i++) {
    const text = (await undecided.textContent()) ?? "";
    if (/^0 of/.test(text.trim())) break;
    await grid.locator('[role="row"][data-mapping-id]').first().click();
    await page.getByTestId("mapping-editor").getByRole("button", { name: "Save and accept" }).click();
    await expect(undecided).not.toHaveText(text);
  }
  await page.getByRole("button", { name: "Approve field map" }).click();
  await expect(page.getByTestId("approval-fieldMap")).toContainText("Approved by");
  await page.getByRole("button", { name: "Approve object routing" }).click();
  await expect(page.getByTestId("approval-routing")).toContainText("Approved by");
  const closest = page.getByRole("button", { name: /^Confirm “/ });
  while ((await closest.count()) > 0) await closest.first().click();
  await page.getByRole("button", { name: "Approve stage map" }).click();
  await expect(page.getByTestId("approval-stageMap")).toContainText("Approved by");
  await page.getByLabel(/Fallback owner/).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Confirm all as shown" }).click();
  await page.getByRole("button", { name: "Approve owner resolution" }).click();
  await expect(page.locator('[data-step="map"]')).toHaveAttribute("data-status", "done");
}

async function emulator(page: Page, path: string, body: unknown) {
  const res = await page.request.post(`${FS_ORIGIN}/_emulator/${path}`, { data: body });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
}

async function passPreflight(page: Page, id: string) {
  await page.goto(`/migrations/${id}/preflight`);
  await page.getByRole("button", { name: "Run preflight" }).click();
  await expect(page.getByTestId("preflight-status")).toContainText(/Passed|Failed/, { timeout: 120_000 });
  if ((await page.getByTestId("preflight-status").textContent())?.includes("Failed")) {
    const { result } = (await (await page.request.get(`/api/migrations/${id}/preflight`)).json()) as { result: { toCreate: ToCreate } };
    for (const f of result.toCreate.fields) {
      await emulator(page, "fields", { entity: f.entity === "leads" ? "contacts" : f.entity, label: f.label, name: f.name, type: WIRE_TYPE[f.type] ?? f.type, ...(f.choices ? { choices: f.choices } : {}) });
    }
    for (const c of result.toCreate.choices) {
      const selector = SELECTOR_OF[c.field];
      if (selector) await emulator(page, "load", { selectors: { [selector]: c.values } });
      else await emulator(page, "choices", { entity: c.entity, field: c.field, values: c.values });
    }
    for (const u of result.toCreate.users) await emulator(page, "users", { email: u.email, is_active: true });
    await page.getByRole("button", { name: "Re-check" }).click();
    await expect(page.getByTestId("preflight-status")).toContainText("Passed", { timeout: 120_000 });
  }
  await expect(page.locator('[data-step="preflight"]')).toHaveAttribute("data-status", "done");
}

async function sampleAndSignOff(page: Page, id: string) {
  await page.goto(`/migrations/${id}/sample`);
  await page.getByLabel("Records in the sample").fill("100");
  await page.getByTestId("sample-run").click();
  await expect(page.getByTestId("sample-status")).toContainText("Sample done", { timeout: 300_000 });
  await expect(page.getByTestId("diff-table")).toBeVisible();
  await expect(page.getByTestId("sample-summary")).toContainText("Equal");
  await checkPage(page, "sample-diff");
  // Filters: mismatches only, then by object.
  await page.getByTestId("filter-mismatches").check();
  await page.getByTestId("filter-mismatches").uncheck();
  await page.getByTestId("filter-object").selectOption("contacts");
  await expect(page.locator('[data-testid="diff-table"] tbody tr').first()).toContainText("contacts");
  const accept = page.getByLabel(/I reviewed the \d+ mismatched/);
  if ((await accept.count()) > 0) await accept.check();
  await page.getByTestId("sample-sign-off").click();
  await expect(page.getByTestId("sample-signed-off")).toContainText("Signed off");
  await expect(page.locator('[data-step="sample"]')).toHaveAttribute("data-status", "done");
}

async function fullRun(page: Page, id: string) {
  await page.goto(`/migrations/${id}/full-run`);
  await page.getByRole("button", { name: "Start full run" }).click();
  await waitForGate(page, "full-run", 900_000);
}

/** A written contact of the sample (a Contact, not a Lead), to change in the source during the window. */
async function writtenContact(page: Page, id: string): Promise<{ sourceId: string; destId: string }> {
  const view = (await (await page.request.get(`/api/migrations/${id}/sample?object=contacts`)).json()) as { rows: { sourceId: string; destId: string | null; target: string | null }[] };
  const row = view.rows.find((r) => r.target === "contacts" && r.destId);
  if (!row?.destId) throw new Error("no written contact in the sample");
  return { sourceId: row.sourceId, destId: row.destId };
}

test("the whole flow: sample with diff and sign-off, full run, delta window, reconcile, go-live", async ({ page }) => {
  test.skip(!READY, "E2E_VP_URL, E2E_VP_TOKEN, E2E_VP_ORIGIN, E2E_FS_URL, E2E_FS_KEY and E2E_FS_ORIGIN are not set");
  test.setTimeout(1_800_000);
  await signUp(page, newIdentity("Flow"));
  const name = "Full flow";
  const id = await createMigration(page, name);
  await connectAndExtract(page, id);
  await approveMap(page, id);
  await passPreflight(page, id);
  await sampleAndSignOff(page, id);
  await fullRun(page, id);

  // Delta: open a short window polling every 2 seconds; change a contact in the source.
  await page.goto(`/migrations/${id}/delta`);
  await page.getByLabel("Window (hours)").fill("0.5");
  await page.getByLabel("Poll every (seconds)").fill("2");
  await page.getByTestId("delta-open").click();
  await expect(page.getByTestId("delta-status")).toContainText("Open until");
  const contact = await writtenContact(page, id);
  const changed = `Changed-${Date.now().toString(36)}`;
  const update = await page.request.post(`${VP_ORIGIN}/_sandbox/update`, { data: { collection: "contacts", id: contact.sourceId, patch: { first_name: changed } } });
  expect(update.ok(), await update.text()).toBe(true);
  await expect(page.getByTestId("delta-recent")).toContainText(contact.sourceId, { timeout: 120_000 });
  const inFreshsales = await page.request.get(`${FS_URL}/contacts/${contact.destId}`, { headers: { Authorization: `Token token=${FS_KEY}` } });
  expect(((await inFreshsales.json()) as { contact: { first_name: string } }).contact.first_name).toBe(changed);
  await checkPage(page, "delta");
  await page.getByTestId("delta-end").click();
  await waitForGate(page, "delta", 60_000);

  // Reconcile: explain whatever diverges, then the gate is done.
  await page.goto(`/migrations/${id}/reconcile`);
  await page.getByTestId("reconcile-run").click();
  await expect(page.getByTestId("reconcile-status")).toContainText(/Reconciled|divergences to explain/, { timeout: 300_000 });
  await expect(page.getByTestId("reconcile-counts")).toBeVisible();
  for (let i = 0; i < 50; i++) {
    const explain = page.getByLabel("Explanation");
    if ((await explain.count()) === 0) break;
    const before = await explain.count();
    await explain.first().fill("Reviewed with the practice manager: expected");
    await page.getByRole("button", { name: "Explain" }).first().click();
    await expect(page.getByLabel("Explanation")).toHaveCount(before - 1);
  }
  await waitForGate(page, "reconcile", 60_000);
  const json = await page.request.get(`/api/migrations/${id}/reconcile/download?format=json`);
  expect(json.ok()).toBe(true);
  expect(((await json.json()) as { objects: unknown[] }).objects.length).toBeGreaterThan(0);
  await checkPage(page, "reconcile");

  // Go-live behind its confirmation dialog; afterwards nothing can write.
  await page.goto(`/migrations/${id}/go-live`);
  await page.getByTestId("go-live-open").click();
  await expect(page.getByTestId("go-live-confirm")).toBeDisabled();
  await page.getByLabel("Type the migration’s name to confirm").fill(name);
  await page.getByTestId("go-live-confirm").click();
  await expect(page.getByTestId("go-live-done")).toContainText("Live");
  await expect(page.locator('[data-step="go-live"]')).toHaveAttribute("data-status", "done");
  await page.goto(`/migrations/${id}/sample`);
  await expect(page.getByTestId("sample-run")).toHaveCount(0);
  await page.goto(`/migrations/${id}/delta`);
  await expect(page.getByTestId("delta-open")).toHaveCount(0);
});

test("a second migration is rolled back after its full run", async ({ page }) => {
  test.skip(!READY, "E2E_VP_URL, E2E_VP_TOKEN, E2E_VP_ORIGIN, E2E_FS_URL, E2E_FS_KEY and E2E_FS_ORIGIN are not set");
  test.setTimeout(1_800_000);
  await signUp(page, newIdentity("Rollback"));
  const id = await createMigration(page, "Rolled back");
  await connectAndExtract(page, id);
  await approveMap(page, id);
  await passPreflight(page, id);
  await sampleAndSignOff(page, id);
  await fullRun(page, id);
  const contact = await writtenContact(page, id);

  await page.goto(`/migrations/${id}/full-run`);
  await page.getByTestId("rollback-open").click();
  await page.getByLabel("Type ROLLBACK to confirm").fill("ROLLBACK");
  await page.getByTestId("rollback-confirm").click();
  await expect(async () => {
    const res = await page.request.get(`${FS_URL}/contacts/${contact.destId}`, { headers: { Authorization: `Token token=${FS_KEY}` } });
    expect(res.status()).toBe(404);
  }).toPass({ timeout: 600_000, intervals: [3_000] });
  // The later steps are locked again: reconcile and go-live cannot be reached.
  await page.goto(`/migrations/${id}/go-live`);
  await expect(page.getByTestId("step-locked")).toBeVisible();
});
