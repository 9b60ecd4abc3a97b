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
  // The first request to a just-started server can take a while on a loaded machine.
  await expect(page).toHaveURL(/\/migrations$/, { timeout: 30_000 });
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

/** Where a test's sandbox CRMs answer; by default the pair the e2e server runs. */
export interface SandboxAccess {
  vpUrl: string;
  vpToken: string;
  fsUrl: string;
  fsKey: string;
}

const sharedSandbox = (): SandboxAccess => ({
  vpUrl: process.env.E2E_VP_URL ?? "",
  vpToken: process.env.E2E_VP_TOKEN ?? "",
  fsUrl: process.env.E2E_FS_URL ?? "",
  fsKey: process.env.E2E_FS_KEY ?? "",
});

/** Connects a migration to sandbox CRMs through the Connect page; both tests pass. */
export async function connectToSandboxes(page: Page, id: string, crm: SandboxAccess = sharedSandbox()) {
  const { vpUrl: VP_URL, vpToken: VP_TOKEN, fsUrl: FS_URL, fsKey: FS_KEY } = crm;
  await page.goto(`/migrations/${id}/connect`);
  const vp = page.getByRole("region", { name: "Visual Practice" });
  await vp.getByLabel("Visual Practice API URL").fill(VP_URL);
  await vp.getByLabel("Visual Practice API token").fill(VP_TOKEN);
  await vp.getByRole("button", { name: "Save and test" }).click();
  await expect(vp.getByTestId("test-result")).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  const fs = page.getByRole("region", { name: "Freshsales" });
  await fs.getByLabel("Freshsales domain or API URL").fill(FS_URL);
  await fs.getByLabel("Freshsales API key").fill(FS_KEY);
  await fs.getByLabel("Freshsales plan").selectOption("growth");
  await fs.getByRole("button", { name: "Save and test" }).click();
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "done", { timeout: 30_000 });
}
