import { expect, test } from "@playwright/test";
import { newIdentity, signIn, signUp } from "./helpers";

test("a new customer signs up, sees an empty console, signs out and back in", async ({ page }) => {
  const who = newIdentity("Clinic");
  await signUp(page, who);
  await expect(page.getByRole("heading", { name: "No migrations yet" })).toBeVisible();
  await expect(page.getByText(`${who.email} · Admin`)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, who.email, "wrong password here");
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");

  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/migrations$/);
});

test("sign-up explains what is wrong with the input", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("X");
  await page.getByLabel("Your name").fill("Y");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters for the password")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("repeated failed sign-ins are rate limited per email", async ({ page }) => {
  const who = newIdentity("Locked");
  await signUp(page, who);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (let i = 0; i < 5; i++) {
    await signIn(page, who.email, `wrong-${i}-password`);
    await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
  }
  await signIn(page, who.email, who.password);
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-ins");
});

test("pages of the console need a session", async ({ page }) => {
  await page.goto("/migrations");
  await expect(page).toHaveURL(/\/sign-in/);
});
