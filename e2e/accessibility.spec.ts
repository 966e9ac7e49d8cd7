// axe in every section (issue 17): the lab's first screen is scanned in layout.spec.ts; here every
// fold is opened, the detail views are filled (a selected sample in the inspector, a finished sweep's
// heatmap, the notice log, a glossary tooltip) and scanned, in cross-entropy mode and in NT-Xent
// mode, whose detail views differ. Saved runs are scanned in saved-runs.spec.ts, MNIST's digits in
// mnist.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import lz from 'lz-string';
import { presetById } from '../src/engine/experiment/presets';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

/** The spiral preset, short: a sweep of two runs ends in seconds on SwiftShader. */
function shortSpiralLink(): string {
  const experiment = structuredClone(presetById('spiral-basics').experiment);
  experiment.training = { batchSize: 64, steps: 60, evalEvery: 30 };
  return `/#experiment=${lz.compressToEncodedURIComponent(JSON.stringify(experiment))}`;
}

/** Opens every closed <details> on the page, including the ones that appear inside opened ones. */
async function openEveryFold(page: Page): Promise<number> {
  let opened = 0;
  for (let round = 0; round < 5; round++) {
    const closed = page.locator('details:not([open]) > summary');
    const count = await closed.count();
    if (count === 0) return opened;
    for (let i = count - 1; i >= 0; i--) {
      const summary = closed.nth(i);
      await summary.scrollIntoViewIfNeeded();
      await summary.click();
      opened++;
    }
  }
  return opened;
}

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    what,
  ).toEqual([]);
}

test('cross-entropy: every fold open, a sample inspected, a sweep heatmap shown: no serious axe violations', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto(shortSpiralLink());
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });

  expect(await openEveryFold(page)).toBeGreaterThan(0);
  await expect(page.locator('details:not([open])')).toHaveCount(0);
  // A sample in the inspector, picked by keyboard on the boundary.
  const points = page.getByRole('application', { name: 'Decision boundary points' });
  await points.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Sample inspector: (train|validation) sample \d+,/ })).toBeVisible();
  // A glossary tooltip open.
  await page
    .getByRole('button', { name: /^What is / })
    .first()
    .focus();
  await expect(page.getByRole('tooltip').first()).toBeVisible();
  await expectNoSeriousAxe(page, 'cross-entropy, folds open, a sample inspected');

  // A finished two-run sweep: its line plot and cells.
  await page.getByLabel('Sweep setting 1').selectOption('lr');
  await page.getByRole('textbox', { name: 'Values 1' }).fill('0.003, 0.03');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByText(/^Sweep done: 2 runs\.$/)).toBeVisible({ timeout: 120_000 });
  await openEveryFold(page);
  await expectNoSeriousAxe(page, 'cross-entropy, a finished sweep');
  expect(errors).toEqual([]);
});

test('NT-Xent: the embedding views with every fold open: no serious axe violations', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await page.getByLabel('Loss', { exact: true }).selectOption('nt-xent');
  await expect(page.getByRole('heading', { name: 'Embeddings' })).toBeVisible({ timeout: 60_000 });
  // A switch of objective restarts the run; it may wait paused at step 0.
  const play = page.getByRole('button', { name: 'Play', exact: true });
  if (await play.isVisible()) await play.click();
  await expect(status(page)).toContainText(/Step [1-9]/, { timeout: 60_000 });
  await openEveryFold(page);
  await expect(page.locator('details:not([open])')).toHaveCount(0);
  await expectNoSeriousAxe(page, 'NT-Xent, folds open');
  expect(errors).toEqual([]);
});
