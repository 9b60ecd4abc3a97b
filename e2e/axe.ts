import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe on the page, fails on serious or critical violations (naming each rule and the
 * elements), and keeps a full-page screenshot as a test artifact.
 */
export async function checkPage(page: Page, name: string) {
  await settleAnimations(page);
  await page.screenshot({ path: `e2e/artifacts/screenshots/${name}.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(report, `accessibility violations on ${name}`).toEqual([]);
}

/**
 * Waits until no finite CSS animation or transition is running. A toast caught mid fade-in
 * has partial opacity, and axe then reports its text as low contrast although the settled
 * toast is fine. Infinite animations (spinners) are ignored, since they never finish.
 */
async function settleAnimations(page: Page) {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}
