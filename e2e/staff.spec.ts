import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { checkPage } from "./axe";
import { createMigration, newIdentity, signIn, signUp } from "./helpers";

function createEngineer(email: string, password: string) {
  execFileSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/staff-create.ts", email], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, STAFF_PASSWORD: password },
    stdio: "pipe",
  });
}

test("an engineer sees every organisation; a customer admin gets 404 on staff pages", async ({ browser }) => {
  const customer = await browser.newContext();
  const c = await customer.newPage();
  const who = newIdentity("Customer");
  await signUp(c, who);
  await createMigration(c, "Visible to staff");
  expect((await c.goto("/staff"))?.status()).toBe(404);
  expect((await c.request.get("/api/staff/runs/anything")).status()).toBe(404);

  const staff = await browser.newContext();
  const s = await staff.newPage();
  const email = `engineer-${Date.now()}@example.com`;
  createEngineer(email, "engineer-password-1");
  await signIn(s, email, "engineer-password-1");
  await expect(s).toHaveURL(/\/staff$/);
  await expect(s.getByText(who.org).first()).toBeVisible();
  await expect(s.getByText("Visible to staff").first()).toBeVisible();
  await checkPage(s, "staff-dashboard");
  // Staff have no customer console.
  await s.goto("/migrations");
  await expect(s).toHaveURL(/\/staff$/);
  await customer.close();
  await staff.close();
});
