// The one-screen lab (issue 17): at 1440×900 everything needed to run an experiment is on screen
// without scrolling; on a phone the transport is compact and the boundary comes first; one notice
// area with a log; the opening preset says what to watch; glossary tooltips work by keyboard and
// hover; axe finds nothing serious. Screenshots go to docs/screenshots for the README.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { GLOSSARY } from '../src/ui/glossary';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });
const LAB_REGIONS = ['Transport', 'Data', 'Model', 'Objective', 'Decision boundary', 'Loss curves'];

async function waitForPause(page: Page): Promise<void> {
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
}

async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('at 1440×900 the whole lab fits on one screen, opening on a preset that says what to watch', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await waitForPause(page);
  await expect(page.getByText(/^What to watch: Within 300 steps the train loss falls/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Spiral basics' })).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const name of LAB_REGIONS) {
    const box = await page.getByRole('region', { name, exact: true }).boundingBox();
    expect(box, `region ${name}`).not.toBeNull();
    if (!box) continue;
    expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(1440);
    expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(900);
  }
  // The boundary is the largest view: wider than any control panel.
  const boundary = await page.getByRole('region', { name: 'Decision boundary', exact: true }).boundingBox();
  const model = await page.getByRole('region', { name: 'Model', exact: true }).boundingBox();
  expect(boundary?.width ?? 0).toBeGreaterThan((model?.width ?? 0) * 1.5);
  // The dataset picker's thumbnails pick a dataset, like the select.
  await page.getByRole('button', { name: 'Moons', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue('moons');
  await expect(page.getByRole('button', { name: 'Moons', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Spirals', exact: true }).click();
  await waitForPause(page);
  // The README's screenshot: the opening preset after a few hundred steps, not a blank start.
  await page.getByRole('button', { name: 'Spiral basics' }).click();
  await waitForPause(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(((await status(page).textContent()) ?? '').match(/Step (\d+)/)?.[1] ?? 0), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(250);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitForPause(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshots/lab-1440.png' });
  await expectNoSeriousAxe(page);
  expect(errors).toEqual([]);
});

test('the network diagram adds, resizes and removes hidden layers', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await waitForPause(page);
  const model = page.getByRole('region', { name: 'Model', exact: true });
  await expect(model.getByRole('img', { name: 'Network: 2 → 64 → 64 → 3' })).toBeVisible();
  await model.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(page.getByLabel('Hidden layers')).toHaveValue('64, 64, 64');
  await model.getByLabel('Layer 3 width').fill('8');
  await model.getByLabel('Layer 3 width').press('Enter');
  await expect(model.getByRole('img', { name: 'Network: 2 → 64 → 64 → 8 → 3' })).toBeVisible();
  await model.getByRole('button', { name: 'Remove hidden layer 1' }).click();
  await expect(page.getByLabel('Hidden layers')).toHaveValue('64, 8');
});

test('glossary terms show their definition on keyboard focus and on hover', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const term = page.getByRole('button', { name: 'What is reduction?' });
  await term.focus();
  const tip = page.getByRole('tooltip').filter({ hasText: GLOSSARY.reduction });
  await expect(tip).toBeVisible();
  await expect(term).toHaveAccessibleDescription(GLOSSARY.reduction);
  await term.press('Escape');
  await expect(tip).toBeHidden();
  const kaiming = page.getByRole('button', { name: 'What is Kaiming?' });
  await kaiming.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: GLOSSARY.Kaiming })).toBeVisible();
});

test('one notice area: the preview notice leaves for the log when training resumes', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await waitForPause(page);
  const preview = page.getByRole('note').filter({ hasText: /-step preview/ });
  await expect(preview).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(preview).toHaveCount(0);
  const log = page.locator('details.notice-log');
  await expect(log.locator('summary')).toHaveText('Notice log (1)');
  await log.locator('summary').click();
  await expect(log.getByText(/-step preview/)).toBeVisible();
  // A new notice takes the notice area; only one is on screen at a time.
  await page.getByLabel('Hidden layers').fill('32');
  await page.getByLabel('Hidden layers').press('Enter');
  await expect(page.getByRole('note')).toHaveCount(1);
  await expect(page.getByRole('note')).toContainText('Training restarted: the model changed.');
});

test('on a 390×844 phone the transport bar is compact and the boundary comes first', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForPause(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const transport = await page.getByRole('region', { name: 'Transport', exact: true }).boundingBox();
  expect(transport?.height ?? Infinity).toBeLessThanOrEqual(64);
  const boundary = await page.getByRole('region', { name: 'Decision boundary', exact: true }).boundingBox();
  expect(boundary?.y ?? Infinity).toBeLessThan(900);
  // The controls come after the views, each in a section that folds.
  const curves = await page.getByRole('region', { name: 'Loss curves', exact: true }).boundingBox();
  const data = await page.getByRole('region', { name: 'Data', exact: true }).boundingBox();
  expect(data?.y ?? 0).toBeGreaterThan(curves?.y ?? Infinity);
  const fold = page.locator('details.fold > summary', { hasText: 'Model' });
  await fold.click();
  await expect(page.getByLabel('Learning rate')).toBeHidden();
  await fold.click();
  await expect(page.getByLabel('Learning rate')).toBeVisible();
  // The fold's summary names the panel; its own heading is for screen readers only (not "Model" twice).
  const heading = await page.getByRole('heading', { name: 'Model', exact: true }).boundingBox();
  expect(heading?.height ?? 0).toBeLessThanOrEqual(1);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  // The README's phone screenshot: the first screen, as a user opening the link sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/lab-phone.png' });
  await expectNoSeriousAxe(page);
});
