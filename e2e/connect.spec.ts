import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { expect, test } from "@playwright/test";
import yazl from "yazl";
import { createMigration, newIdentity, signUp } from "./helpers";

// The e2e server runs a sandbox of each CRM; their addresses and credentials come from here.
const VP_URL = process.env.E2E_VP_URL ?? "";
const VP_TOKEN = process.env.E2E_VP_TOKEN ?? "";
const FS_URL = process.env.E2E_FS_URL ?? "";
const FS_KEY = process.env.E2E_FS_KEY ?? "";

const COLLECTIONS = ["users", "companies", "contacts", "pipelines", "deals", "activities", "attachments", "products", "custom-properties", "workflows"];

async function writeBundle(dir: string, name: string, overrides: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  const files: Record<string, string> = {
    ...Object.fromEntries(COLLECTIONS.map((c) => [`${c}.csv`, c === "custom-properties" ? "object,key,label\n" : "id,created_at,updated_at\n"])),
    "users.csv": "id,email,first_name,last_name,active\nu_1,ann@example.com,Ann,Lee,true\nu_2,bob@example.com,Bob,Ray,false\n",
    "contacts.csv": 'id,first_name,email,custom_properties\nk_1,Cara,cara@example.com,"{""tier"":""gold""}"\n',
    ...overrides,
  };
  for (const [file, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), file);
  zip.end();
  const target = path.join(dir, name);
  await pipeline(zip.outputStream, createWriteStream(target));
  return target;
}

test("an admin connects both systems to the sandboxes, tests them, and uploads a bundle", async ({ page }) => {
  test.skip(!VP_URL || !VP_TOKEN || !FS_URL || !FS_KEY, "E2E_VP_URL, E2E_VP_TOKEN, E2E_FS_URL and E2E_FS_KEY are not set");
  await signUp(page, newIdentity("Connect"));
  const id = await createMigration(page, "Clinic move");
  await page.goto(`/migrations/${id}/connect`);
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "open");

  const vp = page.getByRole("region", { name: "Visual Practice" });
  await vp.getByLabel("Visual Practice API URL").fill(VP_URL);
  await vp.getByLabel("Visual Practice API token").fill(VP_TOKEN);
  await vp.getByRole("button", { name: "Save and test" }).click();
  await expect(vp.getByTestId("test-result")).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  await expect(vp.getByTestId("test-result")).toContainText(/Connected: \d+ users/);
  await expect(vp.getByRole("cell", { name: "contacts" })).toBeVisible();
  await expect(vp.getByTestId("vp-secret")).toHaveText(`••••${VP_TOKEN.slice(-4)}`);

  const fs = page.getByRole("region", { name: "Freshsales" });
  await fs.getByLabel("Freshsales domain or API URL").fill(FS_URL);
  await fs.getByLabel("Freshsales API key").fill("not-the-key");
  await fs.getByLabel("Freshsales plan").selectOption("growth");
  await fs.getByRole("button", { name: "Save and test" }).click();
  await expect(fs.getByTestId("test-result")).toHaveAttribute("data-ok", "false", { timeout: 30_000 });
  await expect(fs.getByTestId("test-result")).toContainText("Freshsales refused the API key");

  // Edit with the right key; the plan stays, and the test passes.
  await fs.getByRole("button", { name: "Edit" }).click();
  await fs.getByLabel("Freshsales API key").fill(FS_KEY);
  await fs.getByRole("button", { name: "Save and test" }).click();
  await expect(fs.getByTestId("test-result")).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  await expect(fs.getByTestId("test-result")).toContainText(/Connected: \d+ owners/);
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "done");
  await expect(page.locator('[data-step="inventory"]')).toHaveAttribute("data-status", "open");

  await fs.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Freshsales: test passed")).toBeVisible();

  // Secrets never reach the browser, in the page or in its JSON.
  const json = await (await page.request.get(`/api/migrations/${id}/connections`)).text();
  for (const secret of [VP_TOKEN, FS_KEY]) {
    expect(await page.content()).not.toContain(secret);
    expect(json).not.toContain(secret);
  }

  // Switch Visual Practice to an export bundle: a broken one is refused with file and line.
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-bundle-"));
  const broken = await writeBundle(dir, "broken.zip", { "deals.csv": "id,name\nd_1,Big deal,extra cell\n" });
  const good = await writeBundle(dir, "export.zip", {});
  await vp.getByRole("button", { name: "Edit" }).click();
  await vp.getByLabel("Export bundle (upload)").check();
  await vp.getByLabel("Export bundle (.zip)").setInputFiles(broken);
  await vp.getByRole("button", { name: "Upload bundle" }).click();
  await expect(vp.getByTestId("bundle-error")).toContainText("deals.csv line 2: broken CSV");

  await vp.getByLabel("Export bundle (.zip)").setInputFiles(good);
  await vp.getByRole("button", { name: "Upload bundle" }).click();
  await expect(vp.getByText("export.zip")).toBeVisible({ timeout: 30_000 });
  await expect(vp.getByTestId("test-result")).toHaveAttribute("data-ok", "true");
  await expect(vp.getByTestId("test-result")).toContainText("Bundle read: 2 users");
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "done");

  // Deleting a connection reopens the step.
  page.once("dialog", (dialog) => void dialog.accept());
  await fs.getByRole("button", { name: "Delete" }).click();
  await expect(fs.getByLabel("Freshsales domain or API URL")).toBeVisible();
  await expect(page.locator('[data-step="connect"]')).toHaveAttribute("data-status", "open");
});
