import { expect, test } from "@playwright/test";
import { checkPage } from "./axe";
import { connectToSandboxes, createMigration, newIdentity, signUp } from "./helpers";

const VP_URL = process.env.E2E_VP_URL ?? "";
const VP_TOKEN = process.env.E2E_VP_TOKEN ?? "";
const FS_URL = process.env.E2E_FS_URL ?? "";
const FS_KEY = process.env.E2E_FS_KEY ?? "";

test("an admin extracts the source, watches progress, browses the inventory and downloads the deliverables", async ({ page }) => {
  test.skip(!VP_URL || !VP_TOKEN || !FS_URL || !FS_KEY, "E2E_VP_URL, E2E_VP_TOKEN, E2E_FS_URL and E2E_FS_KEY are not set");
  test.setTimeout(240_000);
  await signUp(page, newIdentity("Inventory"));
  const id = await createMigration(page, "Inventory e2e");

  await connectToSandboxes(page, id);

  await page.goto(`/migrations/${id}/inventory`);
  const panel = page.getByRole("region", { name: "Extraction" });
  await panel.getByRole("button", { name: "Start extraction" }).click();
  // The panel polls on its own: no reload needed to see the run finish.
  await expect(panel.getByTestId("extraction-status")).toHaveText("Done", { timeout: 180_000 });
  await expect(panel.getByRole("progressbar", { name: "contacts progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.locator('[data-step="inventory"]')).toHaveAttribute("data-status", "done");

  // Dirty source data shows up as problems naming record and field.
  await expect(panel.getByTestId("extraction-problems").locator("tbody tr").first()).toBeVisible();

  const table = page.getByTestId("inventory-table");
  await expect(table).toBeVisible();
  await page.getByLabel("Sensitive only").check();
  const healthCard = table.locator("tr", { hasText: "Health card number" });
  await expect(healthCard).toBeVisible();
  await expect(healthCard).toContainText("••••••");
  await expect(healthCard).not.toContainText(/\d{4}-\d{3}-\d{3}/);
  await page.getByLabel("Show sensitive values").check();
  await expect(healthCard).toContainText(/\d{4}-\d{3}-\d{3}-[A-Z]{2}/);

  await page.getByLabel("Sensitive only").uncheck();
  await page.getByLabel("Search").fill("referral");
  await expect(table.locator("tbody tr").filter({ hasText: "Referral source" }).first()).toBeVisible();
  await checkPage(page, "inventory");

  const csv = await page.request.get(`/api/migrations/${id}/inventory/field-spec?format=csv`);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="freshsales-fields-inventory-e2e\.csv"/);
  expect(await csv.text()).toContain("cf_vp_id");
  const checklist = await page.request.get(`/api/migrations/${id}/inventory/workflows?format=md`);
  expect(checklist.headers()["content-type"]).toMatch(/text\/markdown/);
  expect(await checklist.text()).toContain("# Workflow rebuild checklist");
});
