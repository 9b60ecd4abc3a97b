import { expect, type Page } from "@playwright/test";

let counter = 0;

/** A unique example.com identity per call, so tests never collide across runs. */
export function newIdentity(label: string) {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}`;
  return { org: `${label} ${id}`, name: `${label} Admin`, email: `${label.toLowerCase()}-${id}@example.com`, password: `pw-${id}-long-enough` };
}

export async function signUp(page: Page, who: ReturnType<typeof newIdentity>) {
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(who.org);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Work email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/migrations$/);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function createMigration(page: Page, name: string): Promise<string> {
  await page.goto("/migrations/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create migration" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/")[2];
  if (!id) throw new Error(`no migration id in ${page.url()}`);
  return id;
}
