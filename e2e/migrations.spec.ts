import { expect, test } from "@playwright/test";
import { createMigration, newIdentity, signUp } from "./helpers";

test("an admin creates a migration and sees the gates of the flow", async ({ page }) => {
  await signUp(page, newIdentity("Gates"));
  const id = await createMigration(page, "Acme cutover");
  const steps = page.getByRole("navigation", { name: "Migration steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(10);
  await expect(steps.first()).toHaveAttribute("data-status", "open");
  await expect(page.locator('[data-step="connect"]')).toContainText("Connect");
  for (const key of ["inventory", "map", "preflight", "dry-run", "sample", "full-run", "delta", "reconcile", "go-live"]) {
    await expect(page.locator(`[data-step="${key}"]`)).toHaveAttribute("data-status", "locked");
  }
  await page.goto(`/migrations/${id}/sample`);
  await expect(page.getByTestId("step-locked")).toContainText("locked until “Connect” is done");

  await page.goto("/migrations");
  await expect(page.getByRole("link", { name: /Acme cutover/ })).toBeVisible();
});

test("the job queue answers a worker check from the settings page", async ({ page }) => {
  await signUp(page, newIdentity("Worker"));
  await page.goto("/settings");
  await page.getByRole("button", { name: "Run worker check" }).click();
  await expect(page.getByTestId("system-checks").getByText(/answered by .+ in \d+ ms/)).toBeVisible({ timeout: 20_000 });
});

test("the audit log records what happened and verifies its chain", async ({ page }) => {
  await signUp(page, newIdentity("Audit"));
  const id = await createMigration(page, "Audited migration");
  await page.getByLabel("Name", { exact: true }).fill("Audited migration, renamed");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: "Audited migration, renamed" })).toBeVisible();
  await page.goto(`/migrations/${id}/audit`);
  await expect(page.getByText("migration.created")).toBeVisible();
  await expect(page.getByText("migration.renamed")).toBeVisible();
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("chain-status")).toHaveText(/All \d+ events verified: the chain is intact\./);
});
