// Runs you can keep and compare: three runs saved under names survive a reload, overlay together on
// the loss chart with a metrics row each, export as JSON and delete; Undo (button and Ctrl+Z) and
// "Revert to preset" put settings back.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });
const lr = (page: Page) => page.getByLabel('Learning rate', { exact: true });

async function waitForPause(page: Page): Promise<void> {
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
}

async function step(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
}

async function saveRun(page: Page, name: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Saved runs' });
  await panel.getByRole('textbox', { name: 'Run name' }).fill(name);
  await panel.getByRole('button', { name: 'Save run' }).click();
  await expect(panel.getByRole('button', { name: `Delete run ${name}` })).toBeVisible();
}

async function setLr(page: Page, value: string): Promise<void> {
  await lr(page).fill(value);
  await lr(page).press('Enter');
  await expect(lr(page)).toHaveValue(value);
}

test('three saved runs survive a reload, overlay together, export and delete', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPause(page);
  await saveRun(page, 'run A');
  await setLr(page, '0.05');
  await step(page, 3);
  await saveRun(page, 'run B');
  await step(page, 2);
  await saveRun(page, 'run C');

  await page.reload();
  const panel = page.getByRole('region', { name: 'Saved runs' });
  await expect(panel.getByRole('heading', { name: 'Saved runs' })).toBeVisible();
  for (const name of ['run A', 'run B', 'run C']) {
    await expect(panel.getByRole('button', { name: `Delete run ${name}` })).toBeVisible();
    await panel.getByRole('checkbox', { name: `Overlay ${name}` }).check();
  }
  const legend = page.locator('figure[data-chart="loss"] .recharts-legend-wrapper');
  for (const name of ['run A', 'run B', 'run C']) await expect(legend.getByText(name, { exact: true })).toBeVisible();
  const metrics = panel.getByRole('table', { name: 'Metrics of the overlaid runs' });
  await expect(metrics.locator(':scope > tbody > tr')).toHaveCount(3);
  // Each row has the run's plain cross-entropy as a number and a confusion matrix.
  await expect(metrics.locator(':scope > tbody > tr').first()).toContainText(/\d\.\d{4}/);
  await expect(metrics.getByRole('table', { name: /^Confusion matrix of run B/ })).toBeVisible();

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export run run B' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.name).toBe('run B');
  expect(exported.version).toBe(1);
  // The run as trained: step-0 settings, and the learning rate change live at the step it took effect.
  expect(exported.experiment.changes.map((c: { optimizer?: { lr: number } }) => c.optimizer?.lr)).toContain(0.05);
  expect(exported.history.length).toBeGreaterThan(0);

  // The exported file imports back, as a new entry under a free name.
  await panel.getByLabel('Import a run (JSON)').setInputFiles(file);
  await expect(panel.getByRole('button', { name: 'Delete run run B (2)' })).toBeVisible();
  await panel.getByRole('button', { name: 'Delete run run B (2)' }).click();
  await expect(panel.getByRole('button', { name: 'Delete run run B (2)' })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('.saved-runs').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await panel.getByRole('button', { name: 'Delete run run C' }).click();
  await expect(panel.getByRole('button', { name: 'Delete run run C' })).toHaveCount(0);
  await expect(metrics.locator(':scope > tbody > tr')).toHaveCount(2);
  await expect(legend.getByText('run C', { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(panel.getByRole('button', { name: 'Delete run run A' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Delete run run C' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Undo (button and Ctrl+Z) restores the previous value; Revert to preset restores the preset', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPause(page);
  const before = await lr(page).inputValue();
  await setLr(page, '0.05');
  await setLr(page, '0.03');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(lr(page)).toHaveValue('0.05');
  await setLr(page, '0.02');
  // Outside a text field, Ctrl+Z is the page's undo.
  await page.getByRole('heading', { name: 'Presets' }).click();
  await page.keyboard.press('Control+z');
  await expect(lr(page)).toHaveValue('0.05');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(lr(page)).toHaveValue(before);

  await page.getByRole('button', { name: 'Overfitting' }).click();
  await waitForPause(page);
  const presetLr = await lr(page).inputValue();
  const presetBatch = await page.getByLabel('Batch size').inputValue();
  await setLr(page, '0.5');
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Batch size').press('Enter');
  await expect(page.getByLabel('Batch size')).toHaveValue('8');
  await page.getByRole('button', { name: 'Revert to preset' }).click();
  await expect(lr(page)).toHaveValue(presetLr);
  await expect(page.getByLabel('Batch size')).toHaveValue(presetBatch);
  expect(errors).toEqual([]);
});
