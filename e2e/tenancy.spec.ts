import { expect, test, type Page } from "@playwright/test";
import { createMigration, newIdentity, signUp } from "./helpers";

/** Submits the rename form with the action's payload pointed at another migration id. */
async function renameVia(page: Page, ownId: string, targetId: string): Promise<string> {
  await page.route(`**/migrations/${ownId}`, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      await route.continue({ postData: (req.postData() ?? "").replaceAll(ownId, targetId) });
    } else await route.continue();
  });
  await page.goto(`/migrations/${ownId}`);
  await page.getByLabel("Name", { exact: true }).fill("Taken over");
  await page.getByRole("button", { name: "Rename" }).click();
  const alert = page.getByRole("alert").filter({ hasText: /./ });
  await expect(alert).toBeVisible();
  await page.unroute(`**/migrations/${ownId}`);
  return (await alert.textContent()) ?? "";
}

test("another organisation's migration answers exactly like a missing one", async ({ browser }) => {
  const a = await browser.newContext();
  const pageA = await a.newPage();
  await signUp(pageA, newIdentity("OrgA"));
  const idA = await createMigration(pageA, "A private migration");

  const b = await browser.newContext();
  const pageB = await b.newPage();
  await signUp(pageB, newIdentity("OrgB"));
  const idB = await createMigration(pageB, "B's own migration");

  // Pages: 404 for A's id, the same as for an id that never existed.
  const foreign = await pageB.goto(`/migrations/${idA}`);
  expect(foreign?.status()).toBe(404);
  await expect(pageB.getByRole("heading", { name: "Not found" })).toBeVisible();
  const missing = await pageB.goto(`/migrations/does-not-exist`);
  expect(missing?.status()).toBe(404);
  expect((await pageB.goto(`/migrations/${idA}/connect`))?.status()).toBe(404);

  // Route handlers: same status and body.
  const apiForeign = await pageB.request.get(`/api/migrations/${idA}`);
  const apiMissing = await pageB.request.get(`/api/migrations/does-not-exist`);
  expect(apiForeign.status()).toBe(404);
  expect(await apiForeign.json()).toEqual(await apiMissing.json());

  // Server actions: a tampered payload gets the not-found answer, like a made-up id.
  const foreignAnswer = await renameVia(pageB, idB, idA);
  const missingAnswer = await renameVia(pageB, idB, "does-not-exist");
  expect(foreignAnswer).toBe("Migration not found");
  expect(missingAnswer).toBe(foreignAnswer);

  // And A's migration is untouched.
  await pageA.goto(`/migrations/${idA}`);
  await expect(pageA.getByRole("heading", { name: "A private migration" })).toBeVisible();
  await a.close();
  await b.close();
});

test("customers get 404 on the staff dashboard", async ({ page }) => {
  await signUp(page, newIdentity("Nosy"));
  const res = await page.goto("/staff");
  expect(res?.status()).toBe(404);
});
