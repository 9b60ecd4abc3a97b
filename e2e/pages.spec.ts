import { test } from "@playwright/test";
import { checkPage } from "./axe";
import { createMigration, newIdentity, signUp } from "./helpers";

test("every console page passes the accessibility check, with a screenshot kept", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/sign-in");
  await checkPage(page, "sign-in");
  await page.goto("/sign-up");
  await checkPage(page, "sign-up");

  await signUp(page, newIdentity("Pages"));
  await checkPage(page, "migrations-empty");
  const id = await createMigration(page, "Accessible migration");
  await checkPage(page, "migration-overview");
  await page.goto("/migrations");
  await checkPage(page, "migrations-list");
  await page.goto("/migrations/new");
  await checkPage(page, "migration-new");
  for (const step of ["connect", "inventory", "map", "preflight", "dry-run", "sample", "full-run", "delta", "reconcile", "go-live"]) {
    await page.goto(`/migrations/${id}/${step}`);
    await checkPage(page, `step-${step}`);
  }
  await page.goto(`/migrations/${id}/audit`);
  await checkPage(page, "audit");
  await page.goto("/team");
  await checkPage(page, "team");
  await page.goto("/settings");
  await checkPage(page, "settings");
});
