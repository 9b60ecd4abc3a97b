import { expect, test, type Page } from "@playwright/test";
import { checkPage } from "./axe";
import { connectToSandboxes, createMigration, newIdentity, signUp } from "./helpers";
import { SELECTOR_OF } from "../test/support/selectors";

// The e2e server runs a sandbox of each CRM; their addresses come from here. The Freshsales
// emulator's admin endpoints (/_emulator/...) stand in for its admin creating fields.
const VP_URL = process.env.E2E_VP_URL ?? "";
const VP_TOKEN = process.env.E2E_VP_TOKEN ?? "";
const FS_URL = process.env.E2E_FS_URL ?? "";
const FS_KEY = process.env.E2E_FS_KEY ?? "";
const FS_ORIGIN = process.env.E2E_FS_ORIGIN ?? "";

const WIRE_TYPE: Record<string, string> = { paragraph: "textarea", multiselect: "multi_select_dropdown", phone: "phone_number" };

interface PreflightResult {
  checkedAt: string;
  problems: string[];
  toCreate: {
    fields: { entity: string; label: string; name: string; type: string; choices?: string[]; unique?: boolean }[];
    choices: { entity: string; field: string; values: string[] }[];
    pipelines: unknown[];
    stages: unknown[];
    users: { email: string }[];
  };
}

async function connectAndExtract(page: Page, id: string) {
  await connectToSandboxes(page, id);

  await page.goto(`/migrations/${id}/inventory`);
  await page.getByRole("button", { name: "Start extraction" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-step="inventory"]')).toHaveAttribute("data-status", "done", { timeout: 2_000 });
  }).toPass({ timeout: 180_000, intervals: [2_000] });
}

async function emulator(page: Page, path: string, body: unknown) {
  const res = await page.request.post(`${FS_ORIGIN}/_emulator/${path}`, { data: body });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
}

// Every step fails within seconds instead of waiting out the ten-minute test budget.
test.use({ actionTimeout: 15_000, navigationTimeout: 60_000 });

test("an admin reviews the map, edits one mapping, approves, and passes preflight once Freshsales has the fields", async ({ page }) => {
  test.skip(!VP_URL || !VP_TOKEN || !FS_URL || !FS_KEY || !FS_ORIGIN, "E2E_VP_URL, E2E_VP_TOKEN, E2E_FS_URL, E2E_FS_KEY and E2E_FS_ORIGIN are not set");
  // About 60 mappings are reviewed one by one, each a server round trip: minutes on a loaded machine.
  test.setTimeout(900_000);
  await signUp(page, newIdentity("Mapper"));
  const id = await createMigration(page, "Map review");
  await connectAndExtract(page, id);

  // Opening the step proposes the four parts.
  await page.goto(`/migrations/${id}/map`);
  await expect(page.getByRole("heading", { name: "Field map" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("map-status")).toContainText("0 of 4 parts approved");
  const undecided = page.getByTestId("undecided-count");
  await expect(undecided).toContainText(/\d+ of \d+ mappings still undecided/);
  await checkPage(page, "map");

  // Bulk accept of the high-confidence proposals.
  await page.getByRole("button", { name: /Accept \d+ high-confidence proposals/ }).click();
  await expect(page.getByRole("button", { name: "Accept 0 high-confidence proposals (≥ 90%)" })).toBeDisabled();

  // Edit one mapping with the keyboard: open the first undecided row, leave it out of the migration.
  const statusFilter = page.getByRole("combobox", { name: "Status", exact: true });
  await statusFilter.selectOption("undecided");
  const grid = page.getByTestId("field-map-grid");
  const rows = grid.locator('[role="row"][data-mapping-id]');
  await expect(rows.first()).toContainText("proposed");
  await grid.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const mappingId = (await grid.locator('[role="row"][aria-selected="true"]').getAttribute("data-mapping-id")) ?? "";
  expect(mappingId).toBe(await rows.first().getAttribute("data-mapping-id"));
  await page.keyboard.press("Enter");
  const editor = page.getByTestId("mapping-editor");
  await expect(editor).toBeVisible();
  const title = editor.locator("#mapping-editor-title");
  const edited = (await title.textContent()) ?? "";
  await editor.getByRole("radio", { name: "Do not migrate" }).check();
  await editor.getByRole("button", { name: "Save and accept" }).click();
  await expect(editor).toContainText("Now: do not migrate");
  await expect(title).toHaveText(edited);
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);

  // The edit is saved: after a reload the row reads "do not migrate", edited (not as proposed).
  await page.reload();
  const sourcePath = mappingId.split("->")[0]!;
  await page.getByRole("searchbox", { name: "Search" }).fill(sourcePath);
  const editedRow = grid.locator(`[role="row"][data-mapping-id="${mappingId}"]`);
  await expect(editedRow).toContainText("do not migrate");
  await expect(editedRow).toContainText("edited");
  await page.getByRole("searchbox", { name: "Search" }).fill("");

  // Review the rest one by one (each accepted as proposed).
  await statusFilter.selectOption("undecided");
  for (let i = 0; i < 200; i++) {
    const text = (await undecided.textContent()) ?? "";
    if (/^0 of/.test(text.trim())) break;
    await rows.first().click();
    await page.getByTestId("mapping-editor").getByRole("button", { name: "Save and accept" }).click();
    await expect(undecided).not.toHaveText(text);
  }
  await expect(undecided).toContainText(/^0 of/);
  await page.getByRole("button", { name: "Approve field map" }).click();
  await expect(page.getByTestId("approval-fieldMap")).toContainText("Approved by");

  await page.getByRole("button", { name: "Approve object routing" }).click();
  await expect(page.getByTestId("approval-routing")).toContainText("Approved by");

  // The renamed stage is a closest match: confirm it, then approve.
  await page.getByRole("button", { name: "Confirm “Initial Assessment Done”" }).click();
  await expect(page.getByRole("button", { name: "Confirm “Initial Assessment Done”" })).toHaveCount(0);
  await page.getByRole("button", { name: "Approve stage map" }).click();
  await expect(page.getByTestId("approval-stageMap")).toContainText("Approved by");

  const csv = await page.request.get(`/api/migrations/${id}/map/owners-csv`);
  expect(csv.ok()).toBe(true);
  expect((await csv.text()).split("\n")[0]).toContain("source_user_id,name,email,status");
  await page.getByLabel(/Fallback owner/).selectOption({ index: 1 });
  await expect(page.getByLabel(/Fallback owner/)).not.toHaveValue("");
  await page.getByRole("button", { name: "Confirm all as shown" }).click();
  await expect(page.getByLabel(/^Confirm owner for/).first()).toBeChecked();
  await page.getByRole("button", { name: "Approve owner resolution" }).click();
  await expect(page.getByTestId("approval-owners")).toContainText("Approved by");
  await expect(page.getByTestId("map-status")).toContainText("All four parts are approved");
  await expect(page.locator('[data-step="map"]')).toHaveAttribute("data-status", "done");

  // Preflight: fails with the list for the Freshsales admin, and nothing to fix in the map itself.
  const latest = async () => ((await (await page.request.get(`/api/migrations/${id}/preflight`)).json()) as { result: PreflightResult | null }).result;
  await page.goto(`/migrations/${id}/preflight`);
  const status = page.getByTestId("preflight-status");
  await expect(status).toContainText("Not run yet.");
  await page.getByRole("button", { name: "Run preflight" }).click();
  await expect(status).toContainText("Failed", { timeout: 120_000 });
  await expect(page.getByTestId("to-create")).toBeVisible();
  await checkPage(page, "preflight-failed");
  const failed = (await latest())!;
  expect(failed.problems).toEqual([]);
  expect(failed.toCreate.fields.length).toBeGreaterThan(0);
  for (const f of failed.toCreate.fields) {
    await expect(page.getByTestId("to-create").locator(`[data-field="${f.name}"]`).first()).toBeVisible();
  }

  // The Freshsales admin creates exactly what is listed.
  for (const f of failed.toCreate.fields) {
    await emulator(page, "fields", { entity: f.entity === "leads" ? "contacts" : f.entity, label: f.label, name: f.name, type: WIRE_TYPE[f.type] ?? f.type, ...(f.choices ? { choices: f.choices } : {}), ...(f.unique ? { unique: true } : {}) });
  }
  for (const c of failed.toCreate.choices) {
    const selector = SELECTOR_OF[c.field];
    if (selector) await emulator(page, "load", { selectors: { [selector]: c.values } });
    else await emulator(page, "choices", { entity: c.entity, field: c.field, values: c.values });
  }
  for (const u of failed.toCreate.users) await emulator(page, "users", { email: u.email, is_active: true });

  // Re-check: wait for the new result (not the old one still on screen), then read it on the page.
  await page.getByRole("button", { name: "Re-check" }).click();
  await expect.poll(async () => (await latest())?.checkedAt, { timeout: 120_000, intervals: [1_000] }).not.toBe(failed.checkedAt);
  const passed = (await latest())!;
  expect(passed.problems).toEqual([]);
  expect(passed.toCreate).toEqual({ fields: [], choices: [], pipelines: [], stages: [], users: [] });
  await expect(status).toContainText("Passed");
  await expect(page.getByTestId("to-create")).toHaveCount(0);
  await expect(page.locator('[data-step="preflight"]')).toHaveAttribute("data-status", "done");
  await checkPage(page, "preflight-passed");
});
