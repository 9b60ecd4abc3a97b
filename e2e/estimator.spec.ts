import { expect, test } from "@playwright/test";
import { checkPage } from "./axe";

test("the public estimator prices Visual Practice to Freshsales as the product page does", async ({ page }) => {
  await page.goto("/estimate");
  await expect(page.getByText("13 of 14").first()).toBeVisible();
  await expect(page.getByText(/B\s*Standard/).first()).toBeVisible();
  await expect(page.getByText("48–72 hours").first()).toBeVisible();
  await checkPage(page, "estimate");
});

test("estimates are shareable through the URL", async ({ page }) => {
  await page.goto("/estimate");
  const contacts = page.getByLabel(/contacts/i).first();
  await contacts.fill("2500000");
  await expect(page).toHaveURL(/2500000/);
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByText(/scoped individually/i).first()).toBeVisible();
});
